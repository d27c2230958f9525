package org.concord.intel.stix;

import org.concord.party.PartyCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.intel.stix.SharingFixtures.anyIntrusionSet;
import static org.concord.intel.stix.SharingFixtures.anyRelationship;
import static org.concord.intel.stix.SharingFixtures.anySighting;
import static org.concord.intel.stix.SharingFixtures.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.node.ObjectNode;

/** Properties of the sharing policy that no configuration may break. */
class SharingPolicyProperties {

    private static final List<String> PARTIES = List.of("PK", "IR", "AF", "TR", "CN");

    /** Every marking reference a test object may carry: TLP 2.0, TLP 1.0, a statement. */
    private static final List<String> MARKINGS = List.of(
            Tlp.CLEAR.markingDefinitionId(), Tlp.GREEN.markingDefinitionId(), Tlp.AMBER.markingDefinitionId(),
            Tlp.AMBER_STRICT.markingDefinitionId(), Tlp.RED.markingDefinitionId(),
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            SharingFixtures.STATEMENT);

    @Property
    void red_or_amber_strict_objects_are_never_readable_whatever_the_policy(
            @ForAll("policies") SharingPolicy policy, @ForAll("parties") PartyCode partner,
            @ForAll("markingSets") List<String> otherMarkings, @ForAll boolean strict, @ForAll boolean granular,
            @ForAll("sources") String source) {
        String forbidding = strict ? Tlp.AMBER_STRICT.markingDefinitionId() : Tlp.RED.markingDefinitionId();
        ObjectNode object = anyIntrusionSet(otherMarkings.toArray(String[]::new));
        if (granular) {
            object.putArray("granular_markings").addObject().put("marking_ref", forbidding)
                    .putArray("selectors").add("name");
        } else {
            List<String> markings = new ArrayList<>(otherMarkings);
            markings.add(forbidding);
            SharingFixtures.mark(object, markings.toArray(String[]::new));
        }
        HeldObject held = new HeldObject(object, source.isEmpty() ? null : PartyCode.of(source));

        assertThat(policy.decide(partner, held, store(List.of(held))).mayRead()).isFalse();
    }

    @Property
    void a_relationship_is_never_more_visible_than_its_endpoints(
            @ForAll("policies") SharingPolicy policy, @ForAll("parties") PartyCode partner,
            @ForAll("markingSets") List<String> sourceMarkings, @ForAll("markingSets") List<String> targetMarkings,
            @ForAll("markingSets") List<String> relationshipMarkings, @ForAll("sources") String targetFrom) {
        ObjectNode source = anyIntrusionSet(sourceMarkings.toArray(String[]::new));
        ObjectNode target = anyIntrusionSet(targetMarkings.toArray(String[]::new));
        HeldObject heldTarget = new HeldObject(target, targetFrom.isEmpty() ? null : PartyCode.of(targetFrom));
        HeldObject relationship = HeldObject.local(
                anyRelationship(source, target, relationshipMarkings.toArray(String[]::new)));
        var store = store(List.of(HeldObject.local(source), heldTarget, relationship));

        if (policy.decide(partner, relationship, store).mayRead()) {
            assertThat(policy.decide(partner, HeldObject.local(source), store).mayRead()).isTrue();
            assertThat(policy.decide(partner, heldTarget, store).mayRead()).isTrue();
        }
    }

    @Property
    void a_sighting_is_never_more_visible_than_what_it_points_at(
            @ForAll("policies") SharingPolicy policy, @ForAll("parties") PartyCode partner,
            @ForAll("markingSets") List<String> ofMarkings, @ForAll("markingSets") List<String> whereMarkings,
            @ForAll("markingSets") List<String> sightingMarkings) {
        ObjectNode of = anyIntrusionSet(ofMarkings.toArray(String[]::new));
        ObjectNode where = anyIntrusionSet(whereMarkings.toArray(String[]::new));
        ObjectNode sighting = anySighting(of, where, sightingMarkings.toArray(String[]::new));
        var store = store(List.of(of, where, sighting));

        if (policy.decide(partner, HeldObject.local(sighting), store).mayRead()) {
            assertThat(policy.decide(partner, HeldObject.local(of), store).mayRead()).isTrue();
            assertThat(policy.decide(partner, HeldObject.local(where), store).mayRead()).isTrue();
        }
    }

    @Property
    void without_a_named_re_sharing_an_object_received_from_a_partner_never_reaches_a_third_party(
            @ForAll("policiesWithoutReSharing") SharingPolicy policy, @ForAll("parties") PartyCode from,
            @ForAll("parties") PartyCode to, @ForAll("markingSets") List<String> markings) {
        HeldObject held = HeldObject.receivedFrom(from, anyIntrusionSet(markings.toArray(String[]::new)));

        if (!from.equals(to)) {
            assertThat(policy.decide(to, held, store(List.of(held))).mayRead()).isFalse();
        }
    }

    @Property
    void a_named_re_sharing_lets_through_exactly_what_a_local_object_would(
            @ForAll("policies") SharingPolicy policy, @ForAll("parties") PartyCode from,
            @ForAll("parties") PartyCode to, @ForAll("markingSets") List<String> markings) {
        ObjectNode object = anyIntrusionSet(markings.toArray(String[]::new));
        HeldObject received = HeldObject.receivedFrom(from, object);
        HeldObject local = HeldObject.local(object);

        assertThat(policy.reSharing(from, to).decide(to, received, store(List.of(received))).mayRead())
                .isEqualTo(policy.decide(to, local, store(List.of(local))).mayRead());
    }

    @Property
    void every_decision_has_a_one_line_reason(
            @ForAll("policies") SharingPolicy policy, @ForAll("parties") PartyCode partner,
            @ForAll("markingSets") List<String> markings) {
        HeldObject held = HeldObject.local(anyIntrusionSet(markings.toArray(String[]::new)));

        String reason = policy.decide(partner, held, store(List.of(held))).reason();

        assertThat(reason).isNotBlank().doesNotContain("\n");
    }

    @Provide
    Arbitrary<PartyCode> parties() {
        return Arbitraries.of(PARTIES).map(PartyCode::of);
    }

    @Provide
    Arbitrary<String> sources() {
        return Arbitraries.of("", "PK", "IR", "AF", "TR", "CN");
    }

    @Provide
    Arbitrary<List<String>> markingSets() {
        return Arbitraries.of(MARKINGS).set().ofMaxSize(3).map(List::copyOf);
    }

    @Provide
    Arbitrary<SharingPolicy> policiesWithoutReSharing() {
        Arbitrary<Set<String>> names = Arbitraries.of(PARTIES).set();
        return Combinators.combine(names, names).as((amber, unmarked) -> {
            SharingPolicy policy = SharingPolicy.defaults();
            for (String p : amber) {
                policy = policy.sharingAmberWith(PartyCode.of(p));
            }
            for (String p : unmarked) {
                policy = policy.sharingUnmarkedWith(PartyCode.of(p));
            }
            return policy;
        });
    }

    @Provide
    Arbitrary<SharingPolicy> policies() {
        Arbitrary<Set<String>> names = Arbitraries.of(PARTIES).set();
        Arbitrary<List<List<String>>> pairs = Arbitraries.of(PARTIES).list().ofSize(2).list().ofMaxSize(4);
        return Combinators.combine(names, names, pairs).as((amber, unmarked, reShare) -> {
            SharingPolicy policy = SharingPolicy.defaults();
            for (String p : amber) {
                policy = policy.sharingAmberWith(PartyCode.of(p));
            }
            for (String p : unmarked) {
                policy = policy.sharingUnmarkedWith(PartyCode.of(p));
            }
            for (List<String> pair : reShare) {
                policy = policy.reSharing(PartyCode.of(pair.get(0)), PartyCode.of(pair.get(1)));
            }
            return policy;
        });
    }
}
