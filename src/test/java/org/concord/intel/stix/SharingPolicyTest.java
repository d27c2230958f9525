package org.concord.intel.stix;

import org.concord.party.PartyCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.intel.stix.SharingFixtures.AF;
import static org.concord.intel.stix.SharingFixtures.IR;
import static org.concord.intel.stix.SharingFixtures.PK;
import static org.concord.intel.stix.SharingFixtures.STATEMENT;
import static org.concord.intel.stix.SharingFixtures.anyIntrusionSet;
import static org.concord.intel.stix.SharingFixtures.anyRelationship;
import static org.concord.intel.stix.SharingFixtures.anySighting;
import static org.concord.intel.stix.SharingFixtures.id;
import static org.concord.intel.stix.SharingFixtures.store;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Given Pakistan's node and its sharing policy, when Iran asks for an object, then the decision and its reason. */
class SharingPolicyTest {

    private final SharingPolicy defaults = SharingPolicy.defaults();

    private SharingDecision decide(SharingPolicy policy, PartyCode partner, ObjectNode object, List<?> store) {
        return policy.decide(partner, HeldObject.local(object), store(store));
    }

    @Test
    void clear_and_green_are_shared_by_default() {
        assertThat(decide(defaults, IR, anyIntrusionSet(id(Tlp.CLEAR)), List.of()))
                .isEqualTo(new SharingDecision.Share("TLP:CLEAR is shared with every partner"));
        assertThat(decide(defaults, IR, anyIntrusionSet(id(Tlp.GREEN)), List.of()).mayRead()).isTrue();
    }

    @Test
    void tlp_1_0_markings_count_as_their_tlp_2_0_levels() {
        assertThat(decide(defaults, IR, anyIntrusionSet("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
                List.of()).mayRead()).isTrue();
        assertThat(decide(defaults.sharingAmberWith(IR), IR,
                anyIntrusionSet("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"), List.of()))
                .isEqualTo(new SharingDecision.Withhold("TLP:RED never leaves this node"));
    }

    @Test
    void amber_is_shared_only_with_partners_the_policy_names() {
        ObjectNode amber = anyIntrusionSet(id(Tlp.AMBER));

        assertThat(decide(defaults, IR, amber, List.of()))
                .isEqualTo(new SharingDecision.Withhold("TLP:AMBER; the policy does not name IR"));
        assertThat(decide(defaults.sharingAmberWith(IR), IR, amber, List.of()))
                .isEqualTo(new SharingDecision.Share("TLP:AMBER; the policy names IR"));
        assertThat(decide(defaults.sharingAmberWith(IR), AF, amber, List.of()).mayRead()).isFalse();
    }

    @Test
    void amber_strict_and_red_never_leave_the_node() {
        SharingPolicy generous = defaults.sharingAmberWith(IR).sharingUnmarkedWith(IR);

        assertThat(decide(generous, IR, anyIntrusionSet(id(Tlp.AMBER_STRICT)), List.of()))
                .isEqualTo(new SharingDecision.Withhold("TLP:AMBER+STRICT never leaves this node"));
        assertThat(decide(generous, IR, anyIntrusionSet(id(Tlp.GREEN), id(Tlp.RED)), List.of()))
                .isEqualTo(new SharingDecision.Withhold("TLP:RED never leaves this node"));
    }

    @Test
    void unmarked_objects_are_not_shared_unless_the_policy_says_so() {
        ObjectNode unmarked = anyIntrusionSet();
        ObjectNode onlyCopyright = anyIntrusionSet(STATEMENT);

        assertThat(decide(defaults, IR, unmarked, List.of()).mayRead()).isFalse();
        assertThat(decide(defaults, IR, onlyCopyright, List.of()).mayRead()).isFalse();
        assertThat(decide(defaults.sharingUnmarkedWith(IR), IR, unmarked, List.of()).mayRead()).isTrue();
    }

    @Test
    void a_granular_red_marking_withholds_the_whole_object() {
        ObjectNode set = anyIntrusionSet(id(Tlp.GREEN));
        set.putArray("granular_markings").addObject().put("marking_ref", id(Tlp.RED))
                .putArray("selectors").add("aliases");

        assertThat(decide(defaults, IR, set, List.of()))
                .isEqualTo(new SharingDecision.Withhold("TLP:RED never leaves this node"));
    }

    @Test
    void a_relationship_to_a_red_object_does_not_reveal_it() {
        ObjectNode green = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode red = anyIntrusionSet(id(Tlp.RED));
        ObjectNode relationship = anyRelationship(green, red, id(Tlp.GREEN));

        SharingDecision decision = decide(defaults, IR, relationship, List.of(green, red, relationship));

        assertThat(decision.mayRead()).isFalse();
        assertThat(decision.reason()).contains(red.path("id").asString()).contains("TLP:RED never leaves this node");
    }

    @Test
    void a_relationship_between_readable_objects_is_readable() {
        ObjectNode a = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode b = anyIntrusionSet(id(Tlp.CLEAR));
        ObjectNode relationship = anyRelationship(a, b, id(Tlp.GREEN));

        assertThat(decide(defaults, IR, relationship, List.of(a, b, relationship)).mayRead()).isTrue();
    }

    @Test
    void a_relationship_to_an_object_this_node_does_not_hold_is_withheld() {
        ObjectNode a = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode absent = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode relationship = anyRelationship(a, absent, id(Tlp.GREEN));

        assertThat(decide(defaults, IR, relationship, List.of(a, relationship)).reason())
                .endsWith("which this node does not hold");
    }

    @Test
    void a_sighting_is_no_more_visible_than_where_it_was_sighted() {
        ObjectNode set = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode place = anyIntrusionSet(id(Tlp.AMBER));
        ObjectNode sighting = anySighting(set, place, id(Tlp.GREEN));

        assertThat(decide(defaults, IR, sighting, List.of(set, place, sighting)).mayRead()).isFalse();
        assertThat(decide(defaults.sharingAmberWith(IR), IR, sighting, List.of(set, place, sighting)).mayRead()).isTrue();
    }

    @Test
    void a_report_does_not_reveal_the_objects_it_contains_that_the_partner_may_not_read() {
        ObjectNode green = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode red = anyIntrusionSet(id(Tlp.RED));
        ObjectNode report = StixFixtures.object("""
                {"type": "report", "spec_version": "2.1", "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z",
                 "name": "Strike on Panjgur", "published": "2024-01-18T00:00:00Z"}
                """);
        report.putArray("object_refs").add(green.path("id").asString()).add(red.path("id").asString());
        SharingFixtures.mark(report, id(Tlp.GREEN));

        assertThat(decide(defaults, IR, report, List.of(green, red, report)).mayRead()).isFalse();
    }

    @Test
    void objects_received_from_a_partner_are_not_passed_to_a_third_party_unless_the_policy_says_so() {
        ObjectNode fromIran = anyIntrusionSet(id(Tlp.GREEN));
        HeldObject held = HeldObject.receivedFrom(IR, fromIran);

        assertThat(defaults.decide(AF, held, store(List.of(held))))
                .isEqualTo(new SharingDecision.Withhold("received from IR; the policy does not pass it on to AF"));
        assertThat(defaults.decide(IR, held, store(List.of(held))).mayRead()).isTrue();
        assertThat(defaults.reSharing(IR, AF).decide(AF, held, store(List.of(held))).mayRead()).isTrue();
    }

    @Test
    void an_object_passed_on_from_a_partner_may_name_that_partner_as_its_creator_and_only_then() {
        // IR's GREEN group names IR's identity, which this node holds unmarked (as pairing stores it) or not at all
        ObjectNode irIdentity = StixFixtures.object("""
                {"type": "identity", "spec_version": "2.1", "id": "%s", "created": "2024-01-18T00:00:00.000Z",
                 "modified": "2024-01-18T00:00:00.000Z", "name": "Iran", "identity_class": "organization"}
                """.formatted(IR_IDENTITY));
        ObjectNode group = anyIntrusionSet(id(Tlp.GREEN));
        group.put("created_by_ref", IR_IDENTITY);
        HeldObject held = HeldObject.receivedFrom(IR, group);
        var store = store(List.of(held, HeldObject.receivedFrom(IR, irIdentity)));
        SharingPolicy passing = defaults.reSharing(IR, AF);

        // passed on to AF, which is told IR's identity is known to it: readable
        assertThat(passing.decider(new SharingPolicy.Reader(AF, "identity--4c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", PK_IDENTITY,
                java.util.Set.of(IR_IDENTITY)), store).decide(held).mayRead()).isTrue();
        // without it, the unmarked identity withholds the group, as before
        assertThat(passing.decider(new SharingPolicy.Reader(AF, "identity--4c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", PK_IDENTITY), store)
                .decide(held).mayRead()).isFalse();
        // and knowing IR's identity does not pass on what the policy does not
        assertThat(defaults.decider(new SharingPolicy.Reader(AF, "identity--4c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", PK_IDENTITY,
                java.util.Set.of(IR_IDENTITY)), store).decide(held).mayRead()).isFalse();
    }

    @Test
    void a_relationship_made_here_does_not_pass_on_an_endpoint_received_from_another_partner() {
        ObjectNode mine = anyIntrusionSet(id(Tlp.GREEN));
        HeldObject theirs = HeldObject.receivedFrom(IR, anyIntrusionSet(id(Tlp.GREEN)));
        ObjectNode relationship = anyRelationship(mine, (ObjectNode) theirs.object(), id(Tlp.GREEN));

        assertThat(decide(defaults, AF, relationship, List.of(mine, theirs, relationship)).mayRead()).isFalse();
    }

    @Test
    void the_standard_tlp_marking_definitions_are_public() {
        assertThat(decide(defaults, IR, Tlp.RED.markingDefinition(), List.of()).mayRead()).isTrue();
    }

    @Test
    void reference_cycles_terminate() {
        ObjectNode a = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode b = anyIntrusionSet(id(Tlp.GREEN));
        ObjectNode ab = anyRelationship(a, b, id(Tlp.GREEN));
        ObjectNode note = StixFixtures.object("""
                {"type": "note", "spec_version": "2.1", "id": "note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "content": "see"}
                """);
        note.putArray("object_refs").add(ab.path("id").asString()).add("note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061");
        SharingFixtures.mark(note, id(Tlp.GREEN));

        assertThat(decide(defaults, IR, note, List.of(a, b, ab, note)).mayRead()).isTrue();
    }

    // Issue 9, defect 6: every *_ref and *_refs, at any depth, points only at what the partner may see.

    private static final String PK_IDENTITY = "identity--1c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
    private static final String IR_IDENTITY = "identity--2c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";

    private SharingDecision decideAsIr(ObjectNode object, List<?> store) {
        return defaults.decider(new SharingPolicy.Reader(IR, IR_IDENTITY, PK_IDENTITY), store(store)).decide(HeldObject.local(object));
    }

    private static ObjectNode identity(String tlpId) {
        ObjectNode identity = StixFixtures.object("""
                {"type": "identity", "spec_version": "2.1", "id": "identity--3c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "name": "handler"}
                """);
        SharingFixtures.mark(identity, tlpId);
        return identity;
    }

    @Test
    void a_green_object_created_by_a_red_identity_is_withheld() {
        ObjectNode red = identity(id(Tlp.RED));
        ObjectNode set = anyIntrusionSet(id(Tlp.GREEN)).put("created_by_ref", red.path("id").asString());

        SharingDecision decision = decideAsIr(set, List.of(red, set));
        assertThat(decision.mayRead()).isFalse();
        assertThat(decision.reason()).contains("$.created_by_ref").contains(red.path("id").asString());
        assertThat(decideAsIr(set, List.of(identity(id(Tlp.GREEN)), set)).mayRead()).isTrue();
    }

    @Test
    void a_green_malware_whose_sample_is_red_is_withheld() {
        ObjectNode file = StixFixtures.object("""
                {"type": "file", "spec_version": "2.1", "id": "file--4c7b5b88-8ff7-4a4d-aa9d-feb398cd0061", "name": "implant.bin"}
                """);
        SharingFixtures.mark(file, id(Tlp.RED));
        ObjectNode malware = anyIntrusionSet(id(Tlp.GREEN));
        malware.putArray("sample_refs").add(file.path("id").asString());

        assertThat(decideAsIr(malware, List.of(file, malware)).reason()).contains("$.sample_refs[0]");
        assertThat(decideAsIr(malware, List.of(file, malware)).mayRead()).isFalse();
    }

    @Test
    void references_nested_in_extensions_and_custom_properties_count() {
        ObjectNode red = anyIntrusionSet(id(Tlp.RED));
        ObjectNode set = anyIntrusionSet(id(Tlp.GREEN));
        set.putObject("extensions").putObject("extension-definition--5c7b5b88-8ff7-4a4d-aa9d-feb398cd0061")
                .put("extension_type", "property-extension").putArray("x_linked_refs").add(red.path("id").asString());

        assertThat(decideAsIr(set, List.of(red, set)).mayRead()).isFalse();
        assertThat(SharingPolicy.referencesOf(set)).extracting(SharingPolicy.Reference::property)
                .containsExactly("$.object_marking_refs[0]",
                        "$.extensions.extension-definition--5c7b5b88-8ff7-4a4d-aa9d-feb398cd0061.x_linked_refs[0]");
    }

    @Test
    void a_marking_reference_to_a_marking_definition_the_partner_may_not_read_withholds() {
        ObjectNode redStatement = StixFixtures.object("""
                {"type": "marking-definition", "spec_version": "2.1", "id": "%s", "created": "2024-01-18T00:00:00.000Z",
                 "definition_type": "statement", "definition": {"statement": "HUMINT-7"}}
                """.formatted(STATEMENT));
        SharingFixtures.mark(redStatement, id(Tlp.RED));
        ObjectNode set = anyIntrusionSet(id(Tlp.GREEN));
        set.putArray("granular_markings").addObject().put("marking_ref", STATEMENT).putArray("selectors").add("name");

        assertThat(decideAsIr(set, List.of(redStatement, set)).mayRead()).isFalse();
        SharingFixtures.mark(redStatement, id(Tlp.CLEAR));
        assertThat(decideAsIr(set, List.of(redStatement, set)).mayRead()).isTrue();
    }

    @Test
    void an_unheld_reference_withholds_but_the_two_identities_and_the_partners_own_objects_are_known() {
        ObjectNode byUnknown = anyIntrusionSet(id(Tlp.GREEN)).put("created_by_ref", "identity--6c7b5b88-8ff7-4a4d-aa9d-feb398cd0061");
        assertThat(decideAsIr(byUnknown, List.of(byUnknown)).reason()).contains("does not hold");

        ObjectNode mine = anyIntrusionSet(id(Tlp.GREEN)).put("created_by_ref", PK_IDENTITY);
        ObjectNode theirs = anyIntrusionSet(id(Tlp.GREEN)).put("created_by_ref", IR_IDENTITY);
        assertThat(decideAsIr(mine, List.of(mine)).mayRead()).isTrue();
        assertThat(decideAsIr(theirs, List.of(theirs)).mayRead()).isTrue();

        ObjectNode irsRedHere = anyIntrusionSet(id(Tlp.RED)).put("created_by_ref", IR_IDENTITY);
        ObjectNode relationship = anyRelationship(mine, irsRedHere, id(Tlp.GREEN));
        assertThat(decideAsIr(relationship, List.of(mine, irsRedHere, relationship)).mayRead())
                .as("IR created the target itself: naming it reveals nothing to IR").isTrue();
        assertThat(defaults.decide(AF, HeldObject.local(relationship), store(List.of(mine, irsRedHere, relationship))).mayRead())
                .as("but not to AF").isFalse();
    }
    /**
     * A report whose text names a second report, which lists the first and a RED group: the second is withheld, so the
     * first, naming it, is withheld too, and so is a third that lists the first, whichever one decider is asked about
     * first (a page meets them in any order). Asked about the second first, the first was reached through a cycle and
     * remembered as readable, and the third, listing it, was shared.
     */
    @Test
    void a_text_naming_an_object_withheld_for_what_it_references_withholds_in_either_order() {
        ObjectNode red = anyIntrusionSet(id(Tlp.RED));
        ObjectNode naming = StixFixtures.object("""
                {"type": "report", "spec_version": "2.1", "id": "report--1e4d88f0-44ea-4bcd-bbf3-b2c1c320bcb3",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "name": "Panjgur",
                 "published": "2024-01-18T00:00:00Z", "object_refs": ["identity--3c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"],
                 "description": "see report--2e4d88f0-44ea-4bcd-bbf3-b2c1c320bcb3"}
                """);
        ObjectNode listing = StixFixtures.object("""
                {"type": "report", "spec_version": "2.1", "id": "report--2e4d88f0-44ea-4bcd-bbf3-b2c1c320bcb3",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "name": "Saravan",
                 "published": "2024-01-18T00:00:00Z"}
                """);
        listing.putArray("object_refs").add(naming.path("id").asString()).add(red.path("id").asString());
        ObjectNode handler = identity(id(Tlp.GREEN));
        SharingFixtures.mark(naming, id(Tlp.GREEN));
        SharingFixtures.mark(listing, id(Tlp.GREEN));
        ObjectNode pointing = StixFixtures.object("""
                {"type": "report", "spec_version": "2.1", "id": "report--3e4d88f0-44ea-4bcd-bbf3-b2c1c320bcb3",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "name": "Jakigur",
                 "published": "2024-01-18T00:00:00Z"}
                """);
        pointing.putArray("object_refs").add(naming.path("id").asString());
        SharingFixtures.mark(pointing, id(Tlp.GREEN));
        List<?> store = List.of(red, naming, listing, handler, pointing);

        for (boolean listingFirst : new boolean[] {false, true}) {
            SharingPolicy.Decider decider = defaults.decider(new SharingPolicy.Reader(IR, IR_IDENTITY, PK_IDENTITY), store(store));
            if (listingFirst) {
                assertThat(decider.decide(HeldObject.local(listing)).mayRead()).isFalse();
            }
            assertThat(decider.decide(HeldObject.local(pointing)).mayRead()).as("listing first: %s", listingFirst).isFalse();
            assertThat(decider.decide(HeldObject.local(naming)).mayRead()).as("listing first: %s", listingFirst).isFalse();
            assertThat(decider.decide(HeldObject.local(listing)).mayRead()).isFalse();
        }
    }

    /**
     * Unmarked notes, shared with IR by the policy, each naming the next in its text: a chain longer than references may
     * nest is withheld at the same depth (no reference of their own, so only the text leads on), not followed to its end.
     */
    @Test
    void a_chain_of_texts_naming_each_other_stops_where_references_stop() {
        java.util.List<ObjectNode> chain = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ObjectNode note = StixFixtures.object(String.format("""
                    {"type": "note", "spec_version": "2.1", "id": "note--%08d-8ff7-4a4d-aa9d-feb398cd0061",
                     "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z",
                     "content": "see note--%08d-8ff7-4a4d-aa9d-feb398cd0061"}
                    """, i, i + 1));
            chain.add(note);
        }

        SharingDecision first = defaults.sharingUnmarkedWith(IR).decider(new SharingPolicy.Reader(IR, IR_IDENTITY, PK_IDENTITY),
                store(chain)).decide(HeldObject.local(chain.get(0)));

        assertThat(first.mayRead()).as(first.reason()).isFalse();
        assertThat(first.reason()).contains("deeper than");
    }
}
