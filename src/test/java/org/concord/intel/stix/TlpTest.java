package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The TLP 2.0 marking definitions are exactly the OASIS ones, and TLP 1.0 ones map onto them. */
class TlpTest {

    @Test
    void the_tlp_2_0_ids_are_those_of_the_oasis_extension() {
        assertThat(Tlp.CLEAR.markingDefinitionId()).isEqualTo("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
        assertThat(Tlp.GREEN.markingDefinitionId()).isEqualTo("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb");
        assertThat(Tlp.AMBER.markingDefinitionId()).isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
        assertThat(Tlp.AMBER_STRICT.markingDefinitionId()).isEqualTo("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(Tlp.RED.markingDefinitionId()).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    }

    @Test
    void the_tlp_1_0_ids_of_stix_2_1_section_7_2_1_4_map_onto_tlp_2_0() {
        assertThat(Tlp.ofMarkingRef("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")).contains(Tlp.CLEAR);
        assertThat(Tlp.ofMarkingRef("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da")).contains(Tlp.GREEN);
        assertThat(Tlp.ofMarkingRef("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")).contains(Tlp.AMBER);
        assertThat(Tlp.ofMarkingRef("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")).contains(Tlp.RED);
        assertThat(Tlp.AMBER_STRICT.tlp1MarkingDefinitionId()).isEmpty();
    }

    @Test
    void other_marking_definitions_are_not_tlp() {
        assertThat(Tlp.ofMarkingRef("marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f")).isEmpty();
        assertThat(Tlp.ofMarkingRef(null)).isEqualTo(Optional.empty());
    }

    @Test
    void levels_are_ordered_from_clear_to_red() {
        assertThat(Tlp.RED.isMoreRestrictiveThan(Tlp.AMBER_STRICT)).isTrue();
        assertThat(Tlp.AMBER_STRICT.isMoreRestrictiveThan(Tlp.AMBER)).isTrue();
        assertThat(Tlp.AMBER.isMoreRestrictiveThan(Tlp.GREEN)).isTrue();
        assertThat(Tlp.GREEN.isMoreRestrictiveThan(Tlp.CLEAR)).isTrue();
        assertThat(Tlp.CLEAR.isMoreRestrictiveThan(Tlp.CLEAR)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Tlp.class)
    void each_marking_definition_object_is_valid_stix_and_as_oasis_publishes_it(Tlp tlp) {
        JsonNode definition = tlp.markingDefinition();

        assertThat(StixFixtures.VALIDATOR.validate(definition)).isEmpty();
        assertThat(definition.path("name").asString()).isEqualTo(tlp.label());
        assertThat(definition.path("created").asString()).isEqualTo("2022-10-01T00:00:00.000Z");
        assertThat(definition.path("extensions").path(Tlp.TLP_2_0_EXTENSION).path("tlp_2_0").asString())
                .isEqualTo(tlp.label().substring(4).toLowerCase());
    }

    @Test
    void the_oasis_amber_strict_example_is_reproduced_exactly() {
        JsonNode oasis = StixFixtures.object("""
                {"type": "marking-definition", "spec_version": "2.1",
                 "id": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
                 "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
                 "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                   {"extension_type": "property-extension", "tlp_2_0": "amber+strict"}}}
                """);

        assertThat(Tlp.AMBER_STRICT.markingDefinition()).isEqualTo(oasis);
    }

    @Test
    void a_granular_tlp_marking_makes_the_whole_object_that_restrictive() {
        JsonNode indicator = StixFixtures.objectsOf("stix/oasis-documentation/using-granular-markings.json").get(1);

        assertThat(Markings.effectiveTlp(indicator)).contains(Tlp.RED);
    }

    @Test
    void statement_markings_do_not_count_and_unmarked_means_no_level() {
        JsonNode indicator = StixFixtures.objectsOf("stix/oasis-documentation/using-marking-definitions.json").get(1);
        assertThat(Markings.effectiveTlp(indicator)).contains(Tlp.AMBER);

        var unmarked = StixFixtures.anyIndicator();
        unmarked.remove("object_marking_refs");
        assertThat(Markings.effectiveTlp(unmarked)).isEmpty();
    }
}
