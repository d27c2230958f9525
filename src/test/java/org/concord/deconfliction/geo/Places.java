package org.concord.deconfliction.geo;

/**
 * Real places used by the tests: approximate town-centre coordinates in decimal degrees
 * (latitude, longitude), as public gazetteers (GeoNames, Wikipedia) give them to within a few
 * hundred metres. Each is kilometres from any boundary that decides its test, except Mirjaveh
 * and Saravan, which are about 10 to 25 km from the Pakistan border.
 */
final class Places {

    static final CountryCode PAKISTAN = new CountryCode("PK");
    static final CountryCode IRAN = new CountryCode("IR");

    static final Position QUETTA = new Position(30.1841, 67.0014);
    static final Position GWADAR = new Position(25.1216, 62.3254);
    static final Position TURBAT = new Position(26.0023, 63.0440);
    static final Position PANJGUR = new Position(26.9642, 64.0940);
    static final Position ZAHEDAN = new Position(29.4963, 60.8629);
    static final Position CHABAHAR = new Position(25.2919, 60.6430);
    static final Position MIRJAVEH = new Position(29.0150, 61.4496);
    static final Position SARAVAN = new Position(27.3709, 62.3342);

    private static Boundaries boundaries;

    private Places() {
    }

    /** Loaded once per test JVM, with the provinces of Pakistan and Iran. */
    static synchronized Boundaries boundaries() {
        if (boundaries == null) {
            boundaries = Boundaries.load(java.util.List.of(PAKISTAN, IRAN));
        }
        return boundaries;
    }

    static Border pakistanIranBorder() {
        return boundaries().border(PAKISTAN, IRAN);
    }
}
