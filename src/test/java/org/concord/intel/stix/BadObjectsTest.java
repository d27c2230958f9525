package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.intel.stix.StixFixtures.VALIDATOR;
import static org.concord.intel.stix.StixFixtures.anyIndicator;
import static org.concord.intel.stix.StixFixtures.object;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Hand-spoiled objects are refused, each naming the object, the JSON path and the rule. */
class BadObjectsTest {

    private static final String ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    @Test
    void the_unspoiled_indicator_is_valid() {
        assertThat(VALIDATOR.validate(anyIndicator())).isEmpty();
    }

    @Test
    void modified_before_created_is_refused_at_modified() {
        ObjectNode indicator = anyIndicator().put("modified", "2024-01-15T00:00:00.000Z");

        assertThat(VALIDATOR.validate(indicator))
                .containsExactly(new Violation(ID, "$.modified", "modified must not be earlier than created"));
    }

    @Test
    void an_id_whose_prefix_is_not_the_type_is_refused_at_id() {
        ObjectNode indicator = anyIndicator().put("id", "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");

        assertThat(rulesAt(VALIDATOR.validate(indicator), "$.id"))
                .contains("id prefix 'malware' must equal the object type 'indicator'");
    }

    @Test
    void an_id_without_a_uuid_is_refused_at_id() {
        ObjectNode indicator = anyIndicator().put("id", "indicator--42");

        assertThat(rulesAt(VALIDATOR.validate(indicator), "$.id"))
                .contains("id must be an identifier: type--UUID (RFC 4122)");
    }

    @Test
    void a_timestamp_with_an_offset_instead_of_z_is_refused() {
        ObjectNode indicator = anyIndicator().put("valid_from", "2024-01-16T18:00:00+03:30");

        List<Violation> violations = VALIDATOR.validate(indicator);

        assertThat(rulesAt(violations, "$.valid_from"))
                .contains("timestamp must be RFC 3339 in UTC ending in Z, e.g. 2024-01-18T04:30:00.000Z")
                .anySatisfy(rule -> assertThat(rule).startsWith("schema:"));
    }

    @Test
    void a_date_that_does_not_exist_is_refused_though_the_schema_pattern_allows_it() {
        ObjectNode indicator = anyIndicator().put("valid_from", "2024-02-31T18:00:00Z");

        assertThat(VALIDATOR.validate(indicator)).containsExactly(new Violation(ID, "$.valid_from",
                "timestamp must be RFC 3339 in UTC ending in Z, e.g. 2024-01-18T04:30:00.000Z"));
    }

    @Test
    void created_by_ref_must_reference_an_identity() {
        ObjectNode indicator = anyIndicator()
                .put("created_by_ref", "malware--f431f809-377b-45e0-aa1c-6a4751cae5ff");

        assertThat(VALIDATOR.validate(indicator)).containsExactly(
                new Violation(ID, "$.created_by_ref", "must reference identity, not malware"));
    }

    @Test
    void object_marking_refs_must_reference_marking_definitions() {
        ObjectNode indicator = anyIndicator();
        indicator.putArray("object_marking_refs").add("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");

        assertThat(VALIDATOR.validate(indicator)).contains(new Violation(ID, "$.object_marking_refs[0]",
                "must reference marking-definition, not identity"));
    }

    @Test
    void a_relationship_may_not_point_at_a_marking_definition_nor_at_a_malformed_id() {
        ObjectNode relationship = object("""
                {"type": "relationship", "spec_version": "2.1",
                 "id": "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
                 "created": "2024-01-16T18:00:00.000Z", "modified": "2024-01-16T18:00:00.000Z",
                 "relationship_type": "targets",
                 "source_ref": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
                 "target_ref": "location--not-a-uuid"}
                """);

        List<Violation> violations = VALIDATOR.validate(relationship);

        assertThat(violations)
                .contains(new Violation("relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad", "$.source_ref",
                        "must reference an SDO, SCO or custom object, not marking-definition"))
                .contains(new Violation("relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad", "$.target_ref",
                        "a reference must be an identifier: type--UUID"));
    }

    @Test
    void a_granular_marking_must_select_something_present() {
        ObjectNode indicator = anyIndicator();
        indicator.putArray("granular_markings").addObject()
                .put("marking_ref", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")
                .putArray("selectors").add("description");

        assertThat(VALIDATOR.validate(indicator)).containsExactly(new Violation(ID,
                "$.granular_markings[0].selectors[0]", "selector 'description' selects nothing in this object"));
    }

    /** Found by StixValidatorDifferentialProperties: the selector went into the rule as it was, and a rule is one line. */
    @Test
    void a_selector_with_a_line_break_is_refused_not_thrown() {
        ObjectNode indicator = anyIndicator();
        indicator.putArray("granular_markings").addObject()
                .put("marking_ref", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")
                .putArray("selectors").add("name\nx");

        assertThat(VALIDATOR.validate(indicator)).contains(new Violation(ID,
                "$.granular_markings[0].selectors[0]", "selector 'name\\nx' selects nothing in this object"));
    }

    /** Found by StixValidatorDifferentialProperties: an object without a type but with extensions threw a NullPointerException. */
    @Test
    void an_object_without_a_type_but_with_extensions_is_refused_not_thrown() {
        ObjectNode indicator = anyIndicator();
        indicator.remove("type");
        indicator.putObject("extensions").putObject("x-acme-ext").put("x_acme", "a");

        assertThat(VALIDATOR.validate(indicator)).contains(new Violation(ID, "$.type", "type is required and must be a string"));
    }

    /**
     * Found by StixValidatorDifferentialProperties in a clean clone: marking references given as a JSON object instead of
     * a list threw a NullPointerException in the marking rules (a 500 for one bad object in a TAXII POST).
     */
    @Test
    void marking_references_given_as_an_object_instead_of_a_list_are_refused_not_thrown() {
        for (String type : new String[] {"indicator", "marking-definition"}) {
            ObjectNode object = "indicator".equals(type) ? anyIndicator() : markingDefinition();
            String id = object.path("id").asString();
            object.putObject("object_marking_refs").put("first", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
            object.putObject("granular_markings").putObject("first").put("marking_ref", id).putArray("selectors").add("id");

            List<Violation> violations = VALIDATOR.validate(object);

            assertThat(violations).as(type).anyMatch(v -> v.path().startsWith("$.object_marking_refs"));
            assertThat(violations).as(type).anyMatch(v -> v.path().startsWith("$.granular_markings"));
        }
    }

    private static ObjectNode markingDefinition() {
        ObjectNode marking = StixFixtures.JSON.createObjectNode();
        marking.put("type", "marking-definition").put("spec_version", "2.1")
                .put("id", "marking-definition--" + java.util.UUID.randomUUID()).put("created", "2024-01-16T18:00:00.000Z")
                .put("name", "a test statement").put("definition_type", "statement");
        marking.putObject("definition").put("statement", "Copyright 2024, Concord test");
        return marking;
    }

    /** Found by StixValidatorDifferentialProperties: the type went into the rule as it was. */
    @Test
    void a_type_with_a_line_break_is_refused_not_thrown() {
        ObjectNode indicator = anyIndicator().put("type", "indicator\n");

        assertThat(VALIDATOR.validate(indicator)).contains(new Violation(ID, "$.id",
                "id prefix 'indicator' must equal the object type 'indicator\\n'"));
    }

    @Test
    void a_missing_required_property_is_a_schema_violation_naming_the_object() {
        ObjectNode indicator = anyIndicator();
        indicator.remove("pattern");

        List<Violation> violations = VALIDATOR.validate(indicator);

        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.objectId()).isEqualTo(ID));
        assertThat(violations).anySatisfy(v -> assertThat(v.rule()).startsWith("schema:").contains("pattern"));
    }

    @Test
    void a_wrong_property_type_is_reported_at_its_path() {
        ObjectNode indicator = anyIndicator().put("confidence", "high");

        assertThat(VALIDATOR.validate(indicator))
                .anySatisfy(v -> assertThat(v.path()).isEqualTo("$.confidence"))
                .allSatisfy(v -> assertThat(v.rule()).doesNotContain("\n"));
    }

    @Test
    void a_bundle_is_not_an_object() {
        ObjectNode bundle = object("""
                {"type": "bundle", "id": "bundle--44298a74-ba52-4f0c-87a3-1824e67d7fad", "objects": []}
                """);

        assertThat(rulesAt(VALIDATOR.validate(bundle), "$.type"))
                .contains("a bundle is a wrapper, not a STIX object; send its objects");
    }

    @Test
    void a_non_object_and_an_object_without_id_are_refused() {
        assertThat(VALIDATOR.validate(StixFixtures.JSON.readTree("[1, 2]")))
                .containsExactly(new Violation(Violation.NO_ID, "$", "a STIX object must be a JSON object"));
        ObjectNode noId = anyIndicator();
        noId.remove("id");
        assertThat(VALIDATOR.validate(noId)).anySatisfy(v -> {
            assertThat(v.objectId()).isEqualTo(Violation.NO_ID);
            assertThat(v.path()).isEqualTo("$.id");
        });
    }

    @Test
    void a_marking_definition_may_not_mark_itself() {
        ObjectNode marking = object("""
                {"type": "marking-definition", "spec_version": "2.1",
                 "id": "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f",
                 "created": "2024-01-16T18:00:00.000Z", "definition_type": "statement",
                 "definition": {"statement": "Copyright Concord"},
                 "object_marking_refs": ["marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f"]}
                """);

        assertThat(VALIDATOR.validate(marking)).containsExactly(new Violation(
                "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f", "$.object_marking_refs[0]",
                "a marking definition must not mark itself"));
    }

    @Test
    void a_custom_object_is_held_to_the_common_properties() {
        ObjectNode tactic = object("""
                {"type": "x-mitre-tactic", "spec_version": "2.1",
                 "id": "x-mitre-tactic--4ca45d45-df4d-4613-8980-bac22d278fa5",
                 "created": "2018-10-17T00:14:20.652Z", "modified": "2019-07-19T17:42:06.909Z",
                 "name": "Execution", "x_mitre_shortname": "execution"}
                """);
        assertThat(VALIDATOR.validate(tactic)).isEmpty();

        tactic.put("confidence", 101);
        assertThat(VALIDATOR.validate(tactic)).isNotEmpty()
                .allSatisfy(v -> assertThat(v.path()).isEqualTo("$.confidence"));
    }

    @Test
    void an_object_with_an_unknown_extension_is_accepted() {
        ObjectNode indicator = anyIndicator();
        indicator.putObject("extensions")
                .putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
                .put("extension_type", "property-extension")
                .put("rank", 5);

        assertThat(VALIDATOR.validate(indicator)).isEmpty();
    }

    private static List<String> rulesAt(List<Violation> violations, String path) {
        return violations.stream().filter(v -> v.path().equals(path)).map(Violation::rule).toList();
    }

    // Issue 9, defect 9.

    @Test
    void spec_version_2_0_is_refused_at_spec_version() {
        ObjectNode indicator = anyIndicator().put("spec_version", "2.0");

        assertThat(rulesAt(VALIDATOR.validate(indicator), "$.spec_version"))
                .anySatisfy(rule -> assertThat(rule).startsWith("spec_version must be \"2.1\""));
    }

    @Test
    void an_unknown_marking_is_refused_naming_its_path_and_a_known_one_passes() {
        String custom = "marking-definition--7c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
        ObjectNode indicator = anyIndicator();
        indicator.putArray("object_marking_refs").add(Tlp.GREEN.markingDefinitionId()).add(custom);
        indicator.putArray("granular_markings").addObject().put("marking_ref", custom).putArray("selectors").add("name");

        List<Violation> violations = VALIDATOR.validate(indicator, id -> false);
        assertThat(rulesAt(violations, "$.object_marking_refs[1]")).hasSize(1).allSatisfy(rule -> assertThat(rule).contains("is unknown"));
        assertThat(rulesAt(violations, "$.granular_markings[0].marking_ref")).hasSize(1);
        assertThat(rulesAt(violations, "$.object_marking_refs[0]")).isEmpty();
        assertThat(VALIDATOR.validate(indicator, custom::equals)).isEmpty();
        // TLP 1.0 ids (STIX 2.1 section 7.2.1.4) are standard too.
        indicator.remove("granular_markings");
        indicator.putArray("object_marking_refs").add("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
        assertThat(VALIDATOR.validate(indicator, id -> false)).isEmpty();
    }
}
