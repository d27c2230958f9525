package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** Given IR's node, when PK sends a version, then the trust boundary's decision (issue 9, defect 1). */
class TrustBoundaryTest {

    static final String IR = "identity--1a7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
    static final String PK = "identity--2a7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
    static final String AF = "identity--3a7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
    static final PartyCode PK_CODE = PartyCode.of("PK");
    static final PartyCode AF_CODE = PartyCode.of("AF");

    static final TrustBoundary.Sender PULL = new TrustBoundary.Sender(IR, PK_CODE, PK, Set.of(), false);
    static final TrustBoundary.Sender INBOX = new TrustBoundary.Sender(IR, PK_CODE, PK, Set.of(AF), true);
    static final TrustBoundary.Sender RELAYING = new TrustBoundary.Sender(IR, PK_CODE, PK, Set.of(AF), false);

    static ObjectNode by(String creator) {
        ObjectNode object = StixFixtures.object("""
                {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--4a7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
                 "created": "2024-01-18T00:00:00.000Z", "modified": "2024-01-18T00:00:00.000Z", "name": "x"}
                """);
        if (creator != null) {
            object.put("created_by_ref", creator);
        }
        return object;
    }

    static Optional<TrustBoundary.Rule> rule(TrustBoundary.Sender sender, ObjectNode object, Set<Optional<PartyCode>> held) {
        return TrustBoundary.decide(sender, object, held).map(TrustBoundary.Refusal::rule);
    }

    @Test
    void a_version_of_an_object_this_node_created_is_refused_on_every_path() {
        for (TrustBoundary.Sender sender : new TrustBoundary.Sender[] {PULL, INBOX, RELAYING}) {
            assertThat(rule(sender, by(IR), Set.of())).contains(TrustBoundary.Rule.OWN_OBJECT);
            assertThat(rule(sender, by(IR), Set.of(Optional.of(PK_CODE)))).contains(TrustBoundary.Rule.OWN_OBJECT);
        }
        ObjectNode ourIdentity = by(null).put("type", "identity").put("id", IR);
        assertThat(rule(PULL, ourIdentity, Set.of())).contains(TrustBoundary.Rule.OWN_OBJECT);
        // Relaying never makes this node's own identity acceptable.
        TrustBoundary.Sender relaysUs = new TrustBoundary.Sender(IR, PK_CODE, PK, Set.of(IR), false);
        assertThat(rule(relaysUs, by(IR), Set.of())).contains(TrustBoundary.Rule.OWN_OBJECT);
    }

    @Test
    void the_partners_own_objects_pass_and_a_third_identitys_only_where_relaying_is_accepted() {
        assertThat(rule(PULL, by(PK), Set.of())).isEmpty();
        assertThat(rule(PULL, by(PK), Set.of(Optional.of(PK_CODE)))).isEmpty();
        assertThat(rule(PULL, by(AF), Set.of())).contains(TrustBoundary.Rule.NOT_CREATOR);
        assertThat(rule(RELAYING, by(AF), Set.of())).isEmpty();
        assertThat(rule(INBOX, by(AF), Set.of())).as("nothing relayed into the inbox").contains(TrustBoundary.Rule.NOT_CREATOR);
        assertThat(rule(INBOX, by(null), Set.of())).contains(TrustBoundary.Rule.NOT_CREATOR);
    }

    @Test
    void a_version_never_joins_an_id_held_from_another_source() {
        assertThat(rule(PULL, by(PK), Set.of(Optional.empty()))).contains(TrustBoundary.Rule.OTHER_SOURCE);
        assertThat(rule(RELAYING, by(AF), Set.of(Optional.of(AF_CODE)))).contains(TrustBoundary.Rule.OTHER_SOURCE);
        assertThat(rule(PULL, by(null), Set.of(Optional.empty()))).as("anonymous, held here").contains(TrustBoundary.Rule.OTHER_SOURCE);
        assertThat(rule(PULL, by(null), Set.of())).as("anonymous, new").isEmpty();
    }

    @Test
    void each_refusal_names_the_field() {
        assertThat(TrustBoundary.decide(PULL, by(IR), Set.of()).orElseThrow().detail()).startsWith("$.created_by_ref: ");
        assertThat(TrustBoundary.decide(PULL, by(AF), Set.of()).orElseThrow().detail()).startsWith("$.created_by_ref: ");
        assertThat(TrustBoundary.decide(PULL, by(PK), Set.of(Optional.empty())).orElseThrow().detail()).startsWith("$.id: ");
    }
}
