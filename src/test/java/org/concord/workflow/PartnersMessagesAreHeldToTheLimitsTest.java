package org.concord.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.internal.CommitmentStix;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * A partner's workflow message is read with the limits this node's own users are held to: a text
 * over 10,000 characters, a control character, a list over 100 entries or a date outside
 * 1970..2200 make it malformed, naming the property, so it is never stored.
 */
class PartnersMessagesAreHeldToTheLimitsTest {

    private static final PartyCode IR = PartyCode.of("IR");
    private static final PartyCode PK = PartyCode.of("PK");

    private static ObjectNode proposal() {
        StixId id = StixId.random(CommitmentStix.TYPE);
        CommitmentMessage.Propose propose = CommitmentMessage.Propose.of(id, IR, PK, Instant.parse("2026-01-20T10:00:00Z"),
                new Commitment("the ambassador returns", IR, Instant.parse("2026-01-26T00:00:00Z")));
        return CommitmentStix.toStix(propose, "identity--0f5e8c3a-6b2d-4e19-9c47-5a1d3e7b2c11", Tlp.AMBER, List.of());
    }

    @Test
    void a_sound_message_is_read() {
        assertThat(CommitmentStix.fromStix(proposal())).isInstanceOf(CommitmentMessage.Propose.class);
    }

    @Test
    void an_oversized_text_a_control_character_and_a_long_list_are_malformed_naming_the_property() {
        ObjectNode big = proposal();
        ((ObjectNode) big.get("commitment")).put("what", "x".repeat(10_001));
        assertThatThrownBy(() -> CommitmentStix.fromStix(big)).isInstanceOfSatisfying(MessageStix.Malformed.class,
                e -> assertThat(e.field()).isEqualTo("commitment.what"));

        ObjectNode nul = proposal();
        ((ObjectNode) nul.get("commitment")).put("what", "a\u0000b");
        assertThatThrownBy(() -> CommitmentStix.fromStix(nul)).isInstanceOfSatisfying(MessageStix.Malformed.class,
                e -> assertThat(e.field()).isEqualTo("commitment.what"));

        ObjectNode many = proposal();
        var refs = many.putArray("object_marking_refs");
        for (int i = 0; i < 101; i++) {
            refs.add(Tlp.AMBER.markingDefinitionId());
        }
        assertThatThrownBy(() -> CommitmentStix.fromStix(many)).isInstanceOfSatisfying(MessageStix.Malformed.class,
                e -> assertThat(e.field()).isEqualTo("object_marking_refs"));
    }

    @Test
    void a_due_date_in_year_1000000000_or_before_1970_is_malformed() {
        for (String date : new String[] {"+1000000000-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z"}) {
            ObjectNode far = proposal();
            ((ObjectNode) far.get("commitment")).put("due_by", date);
            assertThatThrownBy(() -> CommitmentStix.fromStix(far)).as(date).isInstanceOf(MessageStix.Malformed.class)
                    .hasMessageContaining("due_by");
        }
    }
}
