package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.intel.stix.StixFixtures.VALIDATOR;
import static org.concord.intel.stix.StixFixtures.anyIndicator;
import static org.concord.intel.stix.StixFixtures.object;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * Exactly as strict as STIX 2.1 on references (section 3.1): the reference properties the spec
 * defines hold identifiers; a custom property ending in {@code _ref} need not (MITRE ATT&amp;CK's
 * {@code "x_mitre_data_source_ref": ""}); this project's own types hold every {@code _ref} to
 * identifiers; and whatever identifier a custom property holds, the sharing policy follows.
 */
class ReferencesAsStrictAsStixTest {

    static final String IDENTITY = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff";

    static List<String> rulesAt(List<Violation> violations, String path) {
        return violations.stream().filter(v -> v.path().equals(path)).map(Violation::rule).toList();
    }

    @Test
    void aCustomPropertyEndingInRefNeedNotHoldAnIdentifier() {
        ObjectNode component = object("""
                {"type":"x-mitre-data-component","spec_version":"2.1","id":"x-mitre-data-component--3d20385b-24ef-40e1-9f56-f39750379077",
                 "created":"2021-10-20T15:05:19.272Z","modified":"2025-04-25T14:40:07.627Z","created_by_ref":"%s",
                 "name":"Process Creation","x_mitre_data_source_ref":""}""".formatted(IDENTITY));
        assertThat(VALIDATOR.validate(component)).isEmpty();

        ObjectNode indicator = anyIndicator();
        indicator.put("x_example_ref", "not an identifier");
        indicator.put("x_example_refs", "a string, not a list");
        indicator.putObject("x_example").put("nested_ref", 42);
        assertThat(VALIDATOR.validate(indicator)).isEmpty();
    }

    @Test
    void theReferencesTheSpecDefinesMustHoldIdentifiersOnEveryObject() {
        ObjectNode custom = object("""
                {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--3d20385b-24ef-40e1-9f56-f39750379077",
                 "created":"2021-10-20T15:05:19.272Z","modified":"2025-04-25T14:40:07.627Z","created_by_ref":"",
                 "object_marking_refs":["nope"]}""");
        List<Violation> violations = VALIDATOR.validate(custom);
        assertThat(rulesAt(violations, "$.created_by_ref")).contains("a reference must be an identifier: type--UUID");
        assertThat(rulesAt(violations, "$.object_marking_refs[0]")).contains("a reference must be an identifier: type--UUID");

        ObjectNode report = object("""
                {"type":"report","spec_version":"2.1","id":"report--3d20385b-24ef-40e1-9f56-f39750379077",
                 "created":"2021-10-20T15:05:19.272Z","modified":"2021-10-20T15:05:19.272Z","name":"r","published":"2021-10-20T15:05:19.272Z",
                 "object_refs":["%s","bundle--3d20385b-24ef-40e1-9f56-f39750379077"]}""".formatted(IDENTITY));
        assertThat(rulesAt(VALIDATOR.validate(report), "$.object_refs[1]")).contains("must reference any object type but bundle, not bundle");

        ObjectNode file = object("""
                {"type":"file","spec_version":"2.1","id":"file--3d20385b-24ef-40e1-9f56-f39750379077","name":"a.zip",
                 "extensions":{"archive-ext":{"contains_refs":["not-an-id"]}}}""");
        assertThat(rulesAt(VALIDATOR.validate(file), "$.extensions.archive-ext.contains_refs[0]"))
                .contains("a reference must be an identifier: type--UUID");
    }

    @Test
    void thisProjectsOwnObjectsHoldEveryRefToAnIdentifier() {
        ObjectNode message = object("""
                {"type":"x-concord-request","spec_version":"2.1","id":"x-concord-request--3d20385b-24ef-40e1-9f56-f39750379077",
                 "created":"2024-01-15T08:00:00.000Z","modified":"2024-01-15T08:00:00.000Z","created_by_ref":"%s",
                 "case_ref":"","request":{"evidence_refs":["nope"]}}""".formatted(IDENTITY));
        List<Violation> violations = VALIDATOR.validate(message);
        assertThat(rulesAt(violations, "$.case_ref")).contains("a reference must be an identifier: type--UUID");
        assertThat(rulesAt(violations, "$.request.evidence_refs[0]")).contains("a reference must be an identifier: type--UUID");
    }

    @Test
    void theSharingPolicyFollowsEveryIdentifierACustomReferencePropertyHoldsWhateverItsShape() {
        ObjectNode indicator = anyIndicator();
        indicator.put("x_example_refs", "report--3d20385b-24ef-40e1-9f56-f39750379077");
        indicator.putArray("x_example_ref").add("location--3d20385b-24ef-40e1-9f56-f39750379077").add("");
        indicator.put("x_mitre_data_source_ref", "");
        assertThat(SharingPolicy.referencedIds(indicator)).contains("report--3d20385b-24ef-40e1-9f56-f39750379077",
                "location--3d20385b-24ef-40e1-9f56-f39750379077", IDENTITY).doesNotContain("");
    }
}
