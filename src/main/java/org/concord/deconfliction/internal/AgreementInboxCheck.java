package org.concord.deconfliction.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.concord.deconfliction.NoticeRules;
import org.concord.deconfliction.PartnerPair;
import org.concord.intel.InboxCheck;
import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Violation;
import org.concord.node.InvalidInput;
import org.concord.party.Partner;
import org.concord.party.PartyCode;
import org.concord.party.Partners;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The inbox's gate for agreements (issue 14), run before a partner's proposal or signature is
 * stored and a receipt signed for it. A proposal must keep its published schema, be proposed by
 * the partner that delivers it, for the pair of that partner and this node, with terms this node
 * can read, and carry that partner's Ed25519 signature of exactly what it says ({@link
 * SigningAgreements#signed}) under the key pinned at pairing. A signature must be the delivering
 * partner's, of a proposal this node made to it, and verify the same way. What fails is refused
 * with {@code $.field: reason}; nothing of it is stored, so no forged or altered agreement can come
 * into force on either side.
 */
@Component
class AgreementInboxCheck implements InboxCheck {

    private final Partners partners;
    private final DeconflictionConfiguration.OwnParty own;
    /** Late: the agreements send through the outbox, which needs the intel store, which runs this check. */
    private final ObjectProvider<SigningAgreements> agreements;
    private final Map<String, StixValidator.Extension> schemas;

    AgreementInboxCheck(Partners partners, DeconflictionConfiguration.OwnParty own, ObjectProvider<SigningAgreements> agreements) {
        this.partners = partners;
        this.own = own;
        this.agreements = agreements;
        // compiled at start, so that a schema missing from the build stops the node rather than a partner's message
        this.schemas = Map.of(SigningAgreements.TYPE, StixValidator.extension(SigningAgreements.TYPE + ".json"),
                SigningAgreements.SIGNATURE_TYPE, StixValidator.extension(SigningAgreements.SIGNATURE_TYPE + ".json"));
    }

    @Override
    public Optional<String> refusal(PartyCode from, JsonNode object) {
        String type = object.path("type").asString("");
        StixValidator.Extension schema = schemas.get(type);
        if (schema == null) {
            return Optional.empty();
        }
        List<Violation> broken = schema.validate(object);
        if (!broken.isEmpty()) {
            return Optional.of(broken.get(0).path() + ": " + broken.get(0).rule() + " (an agreement message that breaks the schema "
                    + type + ".json published with its extension-definition)");
        }
        Optional<Partner> partner = partners.byCode(from);
        if (partner.isEmpty()) {
            return Optional.of("$: not paired with " + from);
        }
        return SigningAgreements.TYPE.equals(type) ? proposal(partner.get(), object) : signature(partner.get(), object);
    }

    private Optional<String> proposal(Partner from, JsonNode object) {
        if (!from.code().value().equals(object.path("proposed_by").asString())) {
            return Optional.of("$.proposed_by: is " + object.path("proposed_by").asString() + ", but the proposal was delivered by "
                    + from.code() + "; a partner proposes only in its own name");
        }
        PartnerPair pair = PartnerPair.of(own.code(), from.code());
        List<String> parties = new ArrayList<>();
        object.path("parties").forEach(p -> parties.add(p.asString()));
        if (!parties.equals(List.of(pair.first().value(), pair.second().value()))) {
            return Optional.of("$.parties: must be [" + pair.first() + ", " + pair.second() + "], the pair of " + from.code()
                    + " and this node, got " + parties);
        }
        List<String> terms = new ArrayList<>();
        object.path("terms").forEach(t -> terms.add(t.asString()));
        try {
            if (!NoticeRules.fromTerms(pair, terms).terms().equals(terms)) {
                return Optional.of("$.terms: are not in the canonical form (one term per rule, each once, sorted by name after"
                        + " the notification-zone, parameters as the rule states them)");
            }
        } catch (InvalidInput e) {
            return Optional.of("$." + e.field() + ": " + e.rule() + " (" + e.getMessage() + ")");
        }
        return verify(from, SigningAgreements.signed(object), object.path("signature").asString(), "$.signature");
    }

    private Optional<String> signature(Partner from, JsonNode object) {
        if (!from.code().value().equals(object.path("signed_by").asString())) {
            return Optional.of("$.signed_by: is " + object.path("signed_by").asString() + ", but the signature was delivered by "
                    + from.code() + "; a partner signs only in its own name");
        }
        String id = object.path("agreement_id").asString();
        Optional<JsonNode> proposal = agreements.getObject().ownProposalTo(from.code(), id);
        if (proposal.isEmpty()) {
            return Optional.of("$.agreement_id: " + id + " is not an agreement this node proposed to " + from.code());
        }
        if (proposal.get().path("agreement_version").asInt() != object.path("agreement_version").asInt()) {
            return Optional.of("$.agreement_version: agreement " + id + " is version " + proposal.get().path("agreement_version").asInt());
        }
        byte[] signed = object.path("declined").asBoolean(false) ? SigningAgreements.declined(proposal.get())
                : SigningAgreements.signed(proposal.get());
        return verify(from, signed, object.path("signature").asString(), "$.signature");
    }

    private static Optional<String> verify(Partner from, byte[] signed, String signature, String path) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Optional.of(path + ": unreadable (" + e.getMessage() + ")");
        }
        if (bytes.length != org.concord.node.Ed25519Signatures.SIGNATURE_SIZE) {
            return Optional.of(path + ": unreadable (an Ed25519 signature has 64 bytes, not " + bytes.length + ")");
        }
        if (org.concord.node.Ed25519Signatures.verify(from.signingKey().raw(), signed, bytes)) {
            return Optional.empty();
        }
        return Optional.of(path + ": does not verify with " + from.code() + "'s signing key pinned at pairing: the agreement was"
                + " altered, or not signed by " + from.code());
    }
}
