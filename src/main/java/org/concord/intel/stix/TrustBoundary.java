package org.concord.intel.stix;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;

/**
 * What a partner may add to this node's store: one pure decision, applied by the store to every
 * version that comes from a partner, whatever the path (its posts to this node's inbox, this
 * node's pulls of its {@code intel} collection, an import of its bundle attributed to it).
 *
 * <p>The rules, in order (the first that refuses wins):
 * <ol>
 *   <li><b>own-object</b>: never a version of an object this node's own identity created
 *       ({@code created_by_ref} is this node's identity, or there is no {@code created_by_ref}
 *       and the id is this node's identity itself). A partner cannot overwrite, revoke or bring
 *       back (after a delete) what this node wrote.</li>
 *   <li><b>not-creator</b>: from partner P only objects created by P's identity (P's identity
 *       object itself counts as P's). In the {@code intel} collection, also objects created by an
 *       identity this node's configuration says P relays ({@code concord.sharing.accept-relayed});
 *       in the inbox nothing but P's own. An object without {@code created_by_ref} (a cyber
 *       observable, say) is anonymous and passes this rule, but not the next.</li>
 *   <li><b>other-source</b>: a version from P never joins versions of the same id held from
 *       another source (made on this node, or received from another partner).</li>
 * </ol>
 *
 * <p>A version this node already holds, byte for byte the same (a partner serving back what it
 * received from this node, or the shared Concord extension-definitions), changes nothing and is
 * not judged here: the store answers it {@code UNCHANGED} before asking.
 */
public final class TrustBoundary {

    private TrustBoundary() {
    }

    /** The rules, as recorded with an alarm. */
    public enum Rule {
        OWN_OBJECT("own-object"), NOT_CREATOR("not-creator"), OTHER_SOURCE("other-source");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Why a version was refused: the rule and one line naming the field. */
    public record Refusal(Rule rule, String detail) {
        public Refusal {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Who is sending and what this node knows about it.
     *
     * @param self            this node's STIX identity id
     * @param partner         the partner the version comes from
     * @param partnerIdentity the partner's STIX identity id (from its pairing record)
     * @param relayed         identity ids whose objects this node accepts from the partner (intel only)
     * @param inbox           whether the version is written to the inbox (nothing relayed there)
     */
    public record Sender(String self, PartyCode partner, String partnerIdentity, Set<String> relayed, boolean inbox) {
        public Sender {
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(partnerIdentity, "partnerIdentity");
            relayed = Set.copyOf(relayed);
        }
    }

    /**
     * Decides on one version from a partner.
     *
     * @param sender      who sends it
     * @param object      the version, already valid STIX
     * @param heldSources the sources of the versions of this id already held: empty optional for
     *                    this node, else the partner each came from; an empty set when none is held
     * @return the refusal, or empty when the version may go on to versioning
     */
    public static Optional<Refusal> decide(Sender sender, JsonNode object, Set<Optional<PartyCode>> heldSources) {
        String id = object.path("id").asString("");
        JsonNode creatorNode = object.path("created_by_ref");
        String creator = creatorNode.isString() ? creatorNode.stringValue() : null;
        if (sender.self().equals(creator) || (creator == null && sender.self().equals(id))) {
            return Optional.of(new Refusal(Rule.OWN_OBJECT, "$.created_by_ref: this node's own identity (" + sender.self()
                    + ") created " + id + "; only this node adds versions of it, " + sender.partner() + " may not"));
        }
        boolean byPartner = sender.partnerIdentity().equals(creator) || (creator == null && sender.partnerIdentity().equals(id));
        if (!byPartner) {
            if (sender.inbox()) {
                return Optional.of(new Refusal(Rule.NOT_CREATOR, "$.created_by_ref: a partner may only send objects it created itself ("
                        + sender.partnerIdentity() + "), got '" + (creator == null ? "" : creator) + "'"));
            }
            if (creator != null && !sender.relayed().contains(creator)) {
                return Optional.of(new Refusal(Rule.NOT_CREATOR, "$.created_by_ref: " + sender.partner()
                        + " may only send objects created by its own identity (" + sender.partnerIdentity()
                        + ") or by identities this node accepts relayed from it (concord.sharing.accept-relayed), got '" + creator + "'"));
            }
        }
        Optional<PartyCode> from = Optional.of(sender.partner());
        for (Optional<PartyCode> source : heldSources) {
            if (!source.equals(from)) {
                return Optional.of(new Refusal(Rule.OTHER_SOURCE, "$.id: " + id + " is held from "
                        + source.map(p -> "partner " + p).orElse("this node") + "; a version from " + sender.partner()
                        + " never joins or replaces it"));
            }
        }
        return Optional.empty();
    }
}
