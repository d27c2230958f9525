package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every object of every OASIS example bundle is valid STIX 2.1, as the specification's authors meant. */
class OasisExamplesTest {

    @TestFactory
    Stream<DynamicTest> every_oasis_example_object_validates() {
        return StixFixtures.OASIS_BUNDLES.stream()
                .flatMap(bundle -> StixFixtures.objectsOf(bundle).stream()
                        .map(object -> DynamicTest.dynamicTest(bundle + " " + object.path("id").asString(),
                                () -> assertThat(StixFixtures.VALIDATOR.validate(object)).isEmpty())));
    }
}
