package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The MITRE ATT&CK for Mobile bundle, with its x-mitre custom objects and properties, validates whole. */
class MitreAttackBundleTest {

    @Test
    void every_object_of_the_mitre_mobile_attack_bundle_validates() {
        List<JsonNode> objects = StixFixtures.objectsOf(StixFixtures.MITRE_MOBILE_ATTACK);

        assertThat(objects).hasSize(375);
        assertThat(objects).allSatisfy(object -> assertThat(StixFixtures.VALIDATOR.validate(object)).isEmpty());
    }

    @Test
    void validation_neither_changes_nor_drops_anything() {
        List<JsonNode> objects = StixFixtures.objectsOf(StixFixtures.MITRE_MOBILE_ATTACK);
        List<JsonNode> copies = objects.stream().map(JsonNode::deepCopy).toList();

        objects.forEach(StixFixtures.VALIDATOR::validate);

        assertThat(objects).isEqualTo(copies);
        assertThat(objects).anySatisfy(o -> assertThat(o.path("type").asString()).isEqualTo("x-mitre-collection"));
        assertThat(objects).filteredOn(o -> o.has("x_mitre_version")).hasSizeGreaterThan(300);
    }
}
