package org.concord.deconfliction.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.Agreements;
import org.concord.deconfliction.NoticeRules;
import org.concord.deconfliction.PartnerPair;
import org.concord.deconfliction.RulesInForce;
import org.concord.deconfliction.RulesPerPair;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.node.AfterCommit;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.PartyCode;
import org.concord.party.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Agreements}, and the {@link RulesInForce} every evaluation of this node reads: for a pair
 * with an agreement both sides signed, that agreement's rules (named in the evaluation); for any
 * other, the configuration's ({@link RulesPerPair}).
 *
 * <p>An agreement travels as two STIX objects, each created and signed by one party: the proposal
 * ({@value #TYPE}: the pair, its version, the terms, who proposed it and when, and the proposer's
 * Ed25519 signature) and the other party's signature ({@value #SIGNATURE_TYPE}: which agreement,
 * who signed and when, and the signature). Each signs the same bytes ({@link #signed}), which name
 * the agreement, its version, the pair, the proposer, the time and every term; so neither side can
 * later claim other rules, and each signature can be checked offline with the pinned key. Both go
 * through the outbox, so each is recorded in both ledgers with a receipt. The inbox refuses either
 * when the signature does not verify ({@link AgreementInboxCheck}).
 */
@Component
@Primary
class SigningAgreements implements Agreements, RulesInForce {

    private static final Logger log = LoggerFactory.getLogger(SigningAgreements.class);

    static final String TYPE = "x-concord-agreement";
    static final String SIGNATURE_TYPE = "x-concord-agreement-signature";
    /** What each party signs begins with this line. */
    static final String SIGNED_FORMAT = "concord-agreement/1";
    /** What a party signs to decline a proposal begins with this line, then what it would have signed. */
    static final String DECLINED_FORMAT = "concord-agreement-declined/1";

    private final JdbcClient jdbc;
    private final NodeIdentity identity;
    private final Partners partners;
    /** Late: the rules in force are read while the outbox's own dependencies are made (incidents' places on the border). */
    private final org.springframework.beans.factory.ObjectProvider<Outbox> outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final RulesPerPair configured;
    private final PartyCode own;
    /** The rules of each partner's agreement in force, read from the table; null until first read, replaced after each commit that changes it. */
    private volatile Map<PartyCode, NoticeRules> inForce;

    SigningAgreements(JdbcClient jdbc, NodeIdentity identity, Partners partners, org.springframework.beans.factory.ObjectProvider<Outbox> outbox, AuditLog audit, Clock clock,
            RulesPerPair configured, DeconflictionConfiguration.OwnParty own) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.partners = partners;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.configured = configured;
        this.own = own.code();
    }

    // ---- the rules in force

    @Override
    public NoticeRules between(PartyCode a, PartyCode b) {
        PartyCode partner = a.equals(own) ? b : b.equals(own) ? a : null;
        if (partner != null) {
            NoticeRules agreed = inForce().get(partner);
            if (agreed != null) {
                return agreed;
            }
        }
        return configured.between(a, b);
    }

    private Map<PartyCode, NoticeRules> inForce() {
        Map<PartyCode, NoticeRules> now = inForce;
        if (now == null) {
            now = readInForce();
            inForce = now;
        }
        return now;
    }

    private Map<PartyCode, NoticeRules> readInForce() {
        Map<PartyCode, List<Row>> byPartner = new HashMap<>();
        rows().forEach(r -> byPartner.computeIfAbsent(r.partner(), p -> new ArrayList<>()).add(r));
        Map<PartyCode, NoticeRules> out = new HashMap<>();
        byPartner.forEach((partner, rows) -> inForce(rows).ifPresent(row -> out.put(partner,
                NoticeRules.fromTerms(PartnerPair.of(own, partner), row.terms())
                        .agreed(new NoticeRules.Agreed(row.id(), row.version(), row.signedAt())))));
        return Map.copyOf(out);
    }

    /**
     * The one of a pair's agreements in force: signed by both, the highest version, and should both sides have
     * proposed the same version and both been signed, the one signed later, then the greater id. Every part of
     * that order is the same at both nodes (the second signature's time travels with it), so both pick the same.
     */
    private static Optional<Row> inForce(List<Row> pairs) {
        return pairs.stream().filter(r -> r.signedAt() != null)
                .max(Comparator.comparingInt(Row::version).thenComparing(Row::signedAt).thenComparing(Row::id));
    }

    /** Read the agreements in force again once the transaction that changed them has committed. */
    private void reread() {
        AfterCommit.run(() -> inForce = readInForce());
    }

    // ---- reading

    private record Row(String id, PartyCode partner, int version, PartyCode proposedBy, Instant proposedAt, List<String> terms,
            String proposal, String signerSignature, Instant signedAt, Instant declinedAt) {
    }

    private static final String COLUMNS = "id, partner, version, proposed_by, proposed_at, terms, proposal, signer_signature, signed_at,"
            + " declined_at";

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp signed = rs.getTimestamp("signed_at");
        Timestamp declined = rs.getTimestamp("declined_at");
        return new Row(rs.getString("id"), PartyCode.of(rs.getString("partner")), rs.getInt("version"),
                PartyCode.of(rs.getString("proposed_by")), rs.getTimestamp("proposed_at").toInstant(),
                List.of(rs.getString("terms").split("\n")), rs.getString("proposal"), rs.getString("signer_signature"),
                signed == null ? null : signed.toInstant(), declined == null ? null : declined.toInstant());
    }

    private List<Row> rows() {
        return jdbc.sql("select " + COLUMNS + " from deconfliction_agreement order by partner, version").query(SigningAgreements::row).list();
    }

    private Optional<Row> row(String id) {
        return jdbc.sql("select " + COLUMNS + " from deconfliction_agreement where id = ?").param(id).query(SigningAgreements::row).optional();
    }

    private List<Row> rows(PartyCode partner) {
        return jdbc.sql("select " + COLUMNS + " from deconfliction_agreement where partner = ? order by version desc, proposed_at desc")
                .param(partner.value()).query(SigningAgreements::row).list();
    }

    private Agreement view(Row row, List<Row> pairs) {
        Optional<Row> current = inForce(pairs);
        int newestSigned = current.map(Row::version).orElse(0);
        State state;
        if (row.signedAt() != null) {
            state = current.get().id().equals(row.id()) ? State.IN_FORCE : State.SUPERSEDED;
        } else if (row.declinedAt() != null) {
            state = State.DECLINED;
        } else if (row.version() <= newestSigned) {
            state = State.LAPSED;
        } else {
            state = row.proposedBy().equals(own) ? State.AWAITING_THEIR_SIGNATURE : State.AWAITING_OUR_SIGNATURE;
        }
        return new Agreement(row.id(), row.partner(), row.version(), row.terms(), row.proposedBy(), row.proposedAt(),
                row.signedAt(), state);
    }

    @Override
    public List<Agreement> with(PartyCode partner) {
        List<Row> rows = rows(partner);
        return rows.stream().map(r -> view(r, rows)).toList();
    }

    @Override
    public Optional<Agreement> find(String id) {
        return row(id).map(r -> view(r, rows(r.partner())));
    }

    @Override
    public List<Agreement> signedByOneSide() {
        List<Row> all = rows();
        Map<PartyCode, List<Row>> byPartner = new HashMap<>();
        all.forEach(r -> byPartner.computeIfAbsent(r.partner(), p -> new ArrayList<>()).add(r));
        return all.stream().map(r -> view(r, byPartner.get(r.partner()))).filter(Agreement::signedByOneSideOnly)
                .sorted(Comparator.comparing(Agreement::proposedAt)).toList();
    }

    // ---- proposing and signing here

    @Override
    @Transactional
    public Agreement propose(PartyCode partner, NoticeRules rules, String actor) {
        Partner paired = partners.byCode(partner).orElseThrow(() -> new InvalidInput("partner", "paired",
                "this node is not paired with " + partner + "; an agreement is between paired nodes"));
        // the version is the next after every one this node knows of (two proposals of one version from here: the unique key refuses the second)
        List<Row> existing = rows(partner);
        NoticeRules current = between(own, partner);
        if (current.agreement() != null && current.terms().equals(rules.terms())) {
            throw new InvalidInput("rules", "changes-something", "these are the rules of agreement " + current.agreement().version()
                    + " with " + partner + ", in force since " + current.agreement().inForceSince() + "; propose a change");
        }
        int version = existing.stream().mapToInt(Row::version).max().orElse(0) + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = TYPE + "--" + UUID.randomUUID();
        List<String> terms = rules.terms();
        ObjectNode proposal = StixMapping.commonObject(TYPE, id, identity.stixIdentityId(), now, Tlp.AMBER);
        PartnerPair pair = PartnerPair.of(own, partner);
        proposal.putArray("parties").add(pair.first().value()).add(pair.second().value());
        proposal.put("agreement_version", version);
        proposal.put("proposed_by", own.value());
        proposal.put("proposed_at", StixMapping.StixTimes.format(now));
        terms.forEach(proposal.putArray("terms")::add);
        proposal.put("signature", Base64.getEncoder().encodeToString(identity.sign(signed(proposal))));
        jdbc.sql("""
                insert into deconfliction_agreement (id, partner, version, proposed_by, proposed_at, terms, proposal, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, partner.value(), version, own.value(), Timestamp.from(now), String.join("\n", terms), proposal.toString(),
                        Timestamp.from(now)).update();
        outbox.getObject().enqueue(paired.code(), proposal);
        audit.record(actor, "deconfliction.agreement-proposed", id, "version " + version + " to " + partner + ": "
                + String.join("; ", terms));
        log.info("agreement {} version {} proposed to {}", id, version, partner);
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Agreement sign(String id, String actor) {
        return answer(id, actor, false);
    }

    @Override
    @Transactional
    public Agreement decline(String id, String actor) {
        return answer(id, actor, true);
    }

    /** Signs or declines the partner's proposal {@code id}: the partner's proposals awaiting this node's signature only. */
    private Agreement answer(String id, String actor, boolean decline) {
        Row row = row(id).orElseThrow(() -> NotFound.of("id", "no agreement " + id + " at this node"));
        // serialise with a concurrent signature or arrival for the same pair
        jdbc.sql("update deconfliction_agreement set recorded_at = recorded_at where partner = ?").param(row.partner().value()).update();
        Agreement agreement = find(id).orElseThrow();
        String verb = decline ? "declines" : "signs";
        switch (agreement.state()) {
            case AWAITING_THEIR_SIGNATURE -> throw new Conflict("id", "own-proposal", "this node proposed agreement " + agreement.version()
                    + "; " + row.partner() + " " + verb + " it");
            case IN_FORCE, SUPERSEDED -> throw new Conflict("id", "already-signed", "agreement " + agreement.version() + " was signed by both on "
                    + agreement.signedAt());
            case LAPSED -> throw new Conflict("id", "lapsed", "a newer agreement with " + row.partner()
                    + " is in force; agreement " + agreement.version() + " can no longer be signed or declined");
            case DECLINED -> throw new Conflict("id", "already-declined", "agreement " + agreement.version() + " was declined on "
                    + row.declinedAt());
            default -> { }
        }
        Partner partner = partners.byCode(row.partner()).orElseThrow(() -> new Conflict("id", "paired",
                "this node is no longer paired with " + row.partner()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        JsonNode proposal = NoticeJson.JSON.readTree(row.proposal());
        String signature = Base64.getEncoder().encodeToString(identity.sign(decline ? declined(proposal) : signed(proposal)));
        ObjectNode signed = StixMapping.commonObject(SIGNATURE_TYPE, signatureId(id, own), identity.stixIdentityId(), now, Tlp.AMBER);
        signed.put("agreement_id", id);
        signed.put("agreement_version", row.version());
        signed.put("signed_by", own.value());
        signed.put("signed_at", StixMapping.StixTimes.format(now));
        if (decline) {
            signed.put("declined", true);
        }
        signed.put("signature", signature);
        if (decline) {
            jdbc.sql("update deconfliction_agreement set declined_at = ? where id = ? and signed_at is null and declined_at is null")
                    .params(Timestamp.from(now), id).update();
        } else {
            jdbc.sql("update deconfliction_agreement set signer_signature = ?, signed_at = ? where id = ? and signed_at is null")
                    .params(signature, Timestamp.from(now), id).update();
        }
        outbox.getObject().enqueue(partner.code(), signed);
        audit.record(actor, decline ? "deconfliction.agreement-declined" : "deconfliction.agreement-signed", id, "version "
                + row.version() + " with " + row.partner() + ", proposed by " + row.proposedBy()
                + (decline ? "; it will not be in force" : "; in force from " + now));
        reread();
        return find(id).orElseThrow();
    }

    // ---- received from the partner (the inbox has checked each signature: AgreementInboxCheck)

    /** The partner's proposal, stored as awaiting this node's signature. Idempotent on the id. */
    void received(PartyCode from, JsonNode proposal) {
        String id = proposal.path("id").asString();
        if (row(id).isPresent()) {
            return;
        }
        Instant proposedAt = Instant.parse(proposal.path("proposed_at").asString());
        List<String> terms = new ArrayList<>();
        proposal.path("terms").forEach(t -> terms.add(t.asString()));
        int version = proposal.path("agreement_version").asInt();
        jdbc.sql("""
                insert into deconfliction_agreement (id, partner, version, proposed_by, proposed_at, terms, proposal, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, from.value(), version, from.value(), Timestamp.from(proposedAt), String.join("\n", terms),
                        proposal.toString(), Timestamp.from(clock.instant())).update();
        audit.record("partner:" + from, "deconfliction.agreement-proposal-received", id, "version " + version + " from " + from
                + ", signed by " + from + " only; it comes into force when an administrator here signs it: " + String.join("; ", terms));
    }

    /** The partner's signature of this node's proposal: the agreement comes into force here. Idempotent. */
    void receivedSignature(PartyCode from, JsonNode signature) {
        String id = signature.path("agreement_id").asString();
        Optional<Row> row = row(id);
        if (row.isEmpty() || row.get().signedAt() != null || row.get().declinedAt() != null) {
            return;
        }
        Instant signedAt = Instant.parse(signature.path("signed_at").asString());
        if (signature.path("declined").asBoolean(false)) {
            jdbc.sql("update deconfliction_agreement set declined_at = ? where id = ? and signed_at is null and declined_at is null")
                    .params(Timestamp.from(signedAt), id).update();
            audit.record("partner:" + from, "deconfliction.agreement-declined-received", id, "version " + row.get().version()
                    + " declined by " + from + "; it will not be in force");
            return;
        }
        jdbc.sql("update deconfliction_agreement set signer_signature = ?, signed_at = ? where id = ? and signed_at is null")
                .params(signature.path("signature").asString(), Timestamp.from(signedAt), id).update();
        audit.record("partner:" + from, "deconfliction.agreement-signature-received", id, "version " + row.get().version()
                + " signed by " + from + "; in force from " + signedAt);
        reread();
    }

    /** This node's proposal {@code id} to {@code partner}, as stored here: what the inbox checks a signature of it against. */
    Optional<JsonNode> ownProposalTo(PartyCode partner, String id) {
        return row(id).filter(r -> r.partner().equals(partner) && r.proposedBy().equals(own))
                .map(r -> NoticeJson.JSON.readTree(r.proposal()));
    }

    // ---- what is signed

    /**
     * The bytes both parties sign for a proposal: {@value #SIGNED_FORMAT}, then the agreement's id,
     * version, the pair, the proposer, when, and each term, one per line (UTF-8). Read from the
     * proposal's own fields, so the signer signs exactly what it was sent.
     */
    static byte[] signed(JsonNode proposal) {
        StringBuilder out = new StringBuilder(SIGNED_FORMAT).append('\n');
        out.append(proposal.path("id").asString("")).append('\n');
        out.append(proposal.path("agreement_version").asInt()).append('\n');
        List<String> parties = new ArrayList<>();
        proposal.path("parties").forEach(p -> parties.add(p.asString("")));
        out.append(String.join(",", parties)).append('\n');
        out.append(proposal.path("proposed_by").asString("")).append('\n');
        out.append(proposal.path("proposed_at").asString("")).append('\n');
        proposal.path("terms").forEach(t -> out.append(t.asString("")).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bytes a party signs to decline a proposal: {@value #DECLINED_FORMAT}, then what {@link #signed} holds.
     * Not the bytes of a signature, so a refusal can never be passed off as consent.
     */
    static byte[] declined(JsonNode proposal) {
        byte[] agreed = signed(proposal);
        byte[] prefix = (DECLINED_FORMAT + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + agreed.length);
        System.arraycopy(agreed, 0, out, prefix.length, agreed.length);
        return out;
    }

    static String signatureId(String agreementId, PartyCode signer) {
        return SIGNATURE_TYPE + "--" + org.concord.intel.stix.DerivedIds.uuid("concord-agreement-signature|" + agreementId + "|" + signer.value());
    }
}
