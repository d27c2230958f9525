package org.concord.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.concord.intel.stix.StixFixtures.anyIndicator;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Given a stored current version, when another version arrives, then the decision follows STIX 2.1 section 3.6. */
class VersioningPolicyTest {

    private static VersionDecision decide(ObjectNode current, ObjectNode incoming) {
        return VersioningPolicy.decide(Optional.ofNullable(current), incoming);
    }

    @Test
    void a_first_version_is_new() {
        assertThat(decide(null, anyIndicator())).isEqualTo(new VersionDecision.New());
    }

    @Test
    void a_later_modified_by_the_same_creator_is_a_newer_version() {
        ObjectNode newer = anyIndicator().put("modified", "2024-01-18T00:00:00.000Z").put("name", "moved");

        VersionDecision decision = decide(anyIndicator(), newer);

        assertThat(decision).isEqualTo(new VersionDecision.NewerVersion());
        assertThat(decision.becomesCurrent()).isTrue();
    }

    @Test
    void the_same_version_again_is_a_no_op() {
        VersionDecision decision = decide(anyIndicator(), anyIndicator());

        assertThat(decision).isEqualTo(new VersionDecision.Same());
        assertThat(decision.isStored()).isFalse();
    }

    @Test
    void the_same_moment_written_with_other_precision_is_the_same_version_only_if_the_content_is_equal() {
        ObjectNode samePrecise = anyIndicator().put("modified", "2024-01-17T09:30:00.000000Z");

        assertThat(decide(anyIndicator(), samePrecise))
                .isEqualTo(new VersionDecision.Refused("a different object under the same id and modified"));
    }

    @Test
    void a_different_object_under_the_same_modified_is_refused() {
        assertThat(decide(anyIndicator(), anyIndicator().put("name", "forged")))
                .isEqualTo(new VersionDecision.Refused("a different object under the same id and modified"));
    }

    @Test
    void an_earlier_modified_is_kept_as_history_not_current() {
        ObjectNode current = anyIndicator().put("modified", "2024-01-20T00:00:00.000Z");

        VersionDecision decision = decide(current, anyIndicator());

        assertThat(decision).isEqualTo(new VersionDecision.Older());
        assertThat(decision.isStored()).isTrue();
        assertThat(decision.becomesCurrent()).isFalse();
    }

    @Test
    void another_creator_may_not_version_the_object() {
        ObjectNode forged = anyIndicator().put("modified", "2024-01-18T00:00:00.000Z")
                .put("created_by_ref", "identity--0d2a3c43-5d87-4e4c-a2a7-1a39c6b2a0a1");

        assertThat(decide(anyIndicator(), forged)).isInstanceOf(VersionDecision.Refused.class)
                .extracting(d -> ((VersionDecision.Refused) d).rule()).asString()
                .startsWith("only the creator may version an object");
    }

    @Test
    void a_creator_may_not_be_added_to_an_anonymous_object() {
        ObjectNode anonymous = anyIndicator();
        anonymous.remove("created_by_ref");

        assertThat(decide(anonymous, anyIndicator().put("modified", "2024-01-18T00:00:00.000Z")))
                .isInstanceOf(VersionDecision.Refused.class);
    }

    @Test
    void created_may_not_change() {
        ObjectNode moved = anyIndicator().put("created", "2024-01-15T00:00:00.000Z")
                .put("modified", "2024-01-18T00:00:00.000Z");

        assertThat(decide(anyIndicator(), moved))
                .isEqualTo(new VersionDecision.Refused("created must not change between versions"));
    }

    @Test
    void revoked_is_final() {
        ObjectNode revoked = anyIndicator().put("modified", "2024-01-18T00:00:00.000Z").put("revoked", true);
        ObjectNode revived = anyIndicator().put("modified", "2024-01-19T00:00:00.000Z").put("revoked", false);
        ObjectNode revokedAgain = anyIndicator().put("modified", "2024-01-19T00:00:00.000Z").put("revoked", true);

        assertThat(decide(anyIndicator(), revoked)).isEqualTo(new VersionDecision.NewerVersion());
        assertThat(decide(revoked, revived))
                .isEqualTo(new VersionDecision.Refused("revoked is final: no version may follow a revoked one"));
        assertThat(decide(revoked, revokedAgain)).isInstanceOf(VersionDecision.Refused.class);
        assertThat(decide(revoked, revoked.deepCopy())).isEqualTo(new VersionDecision.Same());
        assertThat(decide(revoked, anyIndicator())).isEqualTo(new VersionDecision.Older());
    }

    @Test
    void marking_definitions_are_never_versioned() {
        ObjectNode red = Tlp.RED.markingDefinition();
        ObjectNode altered = Tlp.RED.markingDefinition().put("name", "TLP:PINK");

        assertThat(decide(red, Tlp.RED.markingDefinition())).isEqualTo(new VersionDecision.Same());
        assertThat(decide(red, altered))
                .isEqualTo(new VersionDecision.Refused("marking-definition objects are never versioned"));
    }

    @Test
    void comparing_two_ids_is_a_callers_bug() {
        ObjectNode other = anyIndicator().put("id", "indicator--0d2a3c43-5d87-4e4c-a2a7-1a39c6b2a0a1");

        assertThatIllegalArgumentException().isThrownBy(() -> decide(anyIndicator(), other));
    }
}
