package org.concord.deconfliction.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.geo.Places.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacesFallInTheirCountryAndProvinceTest {

    static Stream<Arguments> cities() {
        return Stream.of(
                Arguments.of("Quetta", QUETTA, "PK", "PK-BA", "Balochistan"),
                Arguments.of("Gwadar", GWADAR, "PK", "PK-BA", "Balochistan"),
                Arguments.of("Turbat", TURBAT, "PK", "PK-BA", "Balochistan"),
                Arguments.of("Panjgur", PANJGUR, "PK", "PK-BA", "Balochistan"),
                Arguments.of("Zahedan", ZAHEDAN, "IR", "IR-13", "Sistan and Baluchestan"),
                Arguments.of("Chabahar", CHABAHAR, "IR", "IR-13", "Sistan and Baluchestan"),
                Arguments.of("Mirjaveh", MIRJAVEH, "IR", "IR-13", "Sistan and Baluchestan"),
                Arguments.of("Saravan", SARAVAN, "IR", "IR-13", "Sistan and Baluchestan"));
    }

    @ParameterizedTest(name = "{0} is in {2}, province {3}")
    @MethodSource("cities")
    void a_city_is_in_its_country_and_province(String city, Position where, String country, String provinceCode,
            String provinceName) {
        // given the shipped boundaries
        Boundaries boundaries = boundaries();

        // when we look the city up
        var foundCountry = boundaries.countryAt(where);
        var foundProvince = boundaries.provinceAt(where);

        // then
        assertThat(foundCountry).map(Country::code).contains(new CountryCode(country));
        assertThat(boundaries.isIn(new CountryCode(country), where)).isTrue();
        assertThat(foundProvince).map(Province::isoCode).contains(provinceCode);
        assertThat(foundProvince).map(Province::name).contains(provinceName);
    }

    @ParameterizedTest(name = "{0} is not in the other country")
    @MethodSource("cities")
    void a_city_is_not_in_the_neighbour(String city, Position where, String country, String provinceCode,
            String provinceName) {
        CountryCode other = country.equals("PK") ? IRAN : PAKISTAN;
        assertThat(boundaries().isIn(other, where)).isFalse();
    }
}
