package org.concord.commitments;

import org.concord.workflow.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.commitments.CommitmentFixtures.AF;
import static org.concord.commitments.CommitmentFixtures.DUE;
import static org.concord.commitments.CommitmentFixtures.IR;
import static org.concord.commitments.CommitmentFixtures.PK;
import static org.concord.commitments.CommitmentFixtures.anyCommitmentOwnedBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.concord.commitments.CommitmentFixtures.Track;
import org.concord.commitments.CommitmentRefusal.Rule;
import org.concord.workflow.StixId;
import org.junit.jupiter.api.Test;

/** Given a commitment Pakistan recorded, when the sides agree and attest, then it is fulfilled only with both. */
class CommitmentsAreFulfilledOnlyWhenBothAttestTest {

    private final Track ambassador = new Track(PK, IR, anyCommitmentOwnedBy(IR));

    @Test
    void a_proposal_binds_nobody_until_the_other_side_agrees() {
        ambassador.attest(IR, "back in Islamabad");
        assertThat(ambassador.lastRefusal().rule()).isEqualTo(Rule.NOT_AGREED_YET);

        ambassador.agree(PK);
        assertThat(ambassador.lastRefusal().rule()).isEqualTo(Rule.PROPOSER_CANNOT_AGREE);

        ambassador.agree(IR);
        assertThat(ambassador.state()).isInstanceOf(Agreed.class);
    }

    @Test
    void one_attestation_is_not_enough_and_both_fulfil_it() {
        ambassador.agree(IR).at(DUE.minusSeconds(3600)).attest(IR, "the ambassador presented himself at the ministry");
        assertThat(ambassador.state()).isInstanceOf(Agreed.class);
        assertThat(((Agreed) ambassador.state()).attestedBy(IR)).isTrue();

        ambassador.attest(PK, "confirmed by our foreign office");

        Fulfilled fulfilled = (Fulfilled) ambassador.state();
        assertThat(fulfilled.attestations()).containsOnlyKeys(PK, IR);
        assertThat(fulfilled.late()).isFalse();
    }

    @Test
    void attesting_twice_a_stranger_and_anything_after_fulfilment_are_refused() {
        ambassador.agree(IR).attest(IR, "done").attest(IR, "done, really");
        assertThat(ambassador.lastRefusal().rule()).isEqualTo(Rule.ALREADY_ATTESTED);

        ambassador.attest(AF, "we saw it");
        assertThat(ambassador.lastRefusal().rule()).isEqualTo(Rule.NOT_A_PARTY_TO_THE_COMMITMENT);

        ambassador.attest(PK, "confirmed");
        CommitmentCase fulfilled = ambassador.state();
        ambassador.agree(IR);
        assertThat(ambassador.lastRefusal().rule()).isEqualTo(Rule.ALREADY_FULFILLED);
        assertThat(ambassador.state()).isEqualTo(fulfilled);
    }

    @Test
    void the_owner_must_be_one_of_the_two_sides() {
        CommitmentMessage.Propose odd = CommitmentMessage.Propose.of(StixId.random("x-concord-commitment"), PK, IR,
                DUE, anyCommitmentOwnedBy(AF));

        assertThat(CommitmentCase.open(odd)).isEqualTo(Step.refused(new CommitmentRefusal(Rule.OWNER_NOT_A_PARTY, "owner",
                "AF is not one of the two sides")));
    }

    @Test
    void both_nodes_agree_whatever_the_delivery_order() {
        ambassador.agree(IR).attest(PK, "seen").attest(IR, "done");
        List<CommitmentMessage> arrived = new ArrayList<>(ambassador.messages);
        arrived.addAll(ambassador.messages);
        Collections.shuffle(arrived, new java.util.Random(11));

        assertThat(Commitments.fold(arrived)).isEqualTo(ambassador.fold());
    }
}
