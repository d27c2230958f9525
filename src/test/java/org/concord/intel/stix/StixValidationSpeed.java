package org.concord.intel.stix;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A rough measure of validation speed on one thread (not a test, not a benchmark harness): all
 * example objects (OASIS and MITRE, about 930) validated over and over after a warm-up. Run it
 * after {@code ./mvnw -q -B test-compile} with the test classpath, e.g.
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.concord.intel.stix.StixValidationSpeed}.
 *
 * <p>Measured on the shared 2-core development machine (other builds running), 100 rounds of the
 * 928 example objects: about 34,800 objects/s on one thread, schemas plus rules.
 */
final class StixValidationSpeed {

    private StixValidationSpeed() {
    }

    public static void main(String[] args) {
        List<JsonNode> objects = new ArrayList<>();
        StixFixtures.OASIS_BUNDLES.forEach(bundle -> objects.addAll(StixFixtures.objectsOf(bundle)));
        objects.addAll(StixFixtures.objectsOf(StixFixtures.MITRE_MOBILE_ATTACK));
        StixValidator validator = StixFixtures.VALIDATOR;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        run(validator, objects, rounds / 2);
        long started = System.nanoTime();
        long violations = run(validator, objects, rounds);
        double seconds = (System.nanoTime() - started) / 1e9;
        long validated = (long) objects.size() * rounds;
        System.out.printf("%d objects validated in %.2f s: %.0f objects/s on one thread (%d violations)%n",
                validated, seconds, validated / seconds, violations);
    }

    private static long run(StixValidator validator, List<JsonNode> objects, int rounds) {
        long violations = 0;
        for (int r = 0; r < rounds; r++) {
            for (JsonNode object : objects) {
                violations += validator.validate(object).size();
            }
        }
        return violations;
    }
}
