package org.concord.deconfliction.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.concord.deconfliction.Classification;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.intel.stix.DerivedIds;
import org.concord.intel.stix.Tlp;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notices and protected sites as STIX 2.1 custom objects, each of a type declared by this node's
 * own {@code extension-definition} (extension type {@code new-sdo}), so that any STIX tool can
 * carry them. The JSON schemas are in {@code docs/extensions/}; the mapping is described in
 * {@code docs/deconfliction.md}.
 *
 * <p>Identifiers are derived, not random: a notice's STIX id is a name-based UUID of its notice id,
 * so both nodes name the same notice alike and a re-sent notice is a new version of one object; an
 * extension definition's id is derived from the node's identity and the type it declares (a
 * UUIDv4-shaped id, see {@link #extensionId}), so each node has its own (only the creator may
 * version an object) and restarting changes nothing.
 */
final class StixMapping {

    static final String NOTICE_TYPE = "x-concord-operation-notice";
    static final String SITE_TYPE = "x-concord-protected-site";
    static final String EVENT_TYPE = "x-concord-unplanned-event";
    static final String ANSWER_TYPE = "x-concord-conflict-answer";
    static final String ACKNOWLEDGEMENT_TYPE = "x-concord-event-acknowledgement";
    /** A notice's revision number, left out on the first (1); one more with each revision. */
    static final String REVISION = "revision";
    /** Why a notice was revised (on a revision) or withdrawn (on the revoked version). */
    static final String REVISION_REASON = "revision_reason";
    static final String WITHDRAWAL_REASON = "withdrawal_reason";
    static final String EXTENSION_VERSION = "1.0.0";
    /** Fixed, so that the node stores the same extension definition at every start. */
    static final String EXTENSIONS_CREATED = "2026-01-01T00:00:00.000Z";
    static final String SCHEMA_BASE = "https://github.com/concord/concord/blob/main/docs/extensions/";

    private StixMapping() {
    }

    /**
     * This node's extension-definition of {@code type}: derived from its identity and the type, so
     * that it is the same at every start, and UUIDv4-shaped ({@link DerivedIds}) as STIX 2.1 asks of
     * every object but a cyber-observable.
     */
    static String extensionId(String identityId, String type) {
        return "extension-definition--" + DerivedIds.uuid(identityId + "|" + type + "|" + EXTENSION_VERSION);
    }

    /**
     * The id the same definition had before issue 10, a name-based UUID (version 3), which the OASIS
     * validator warns about in an export. Objects sent under it are still read: no reader looks at
     * an object's extension key. The definitions themselves are removed from the intel collection
     * at start ({@code PublishingDeconflictionExtensionDefinitions}).
     */
    static String legacyExtensionId(String identityId, String type) {
        return "extension-definition--" + nameUuid(identityId + "|" + type + "|" + EXTENSION_VERSION);
    }

    static List<String> legacyExtensionIds(String identityId) {
        return List.of(legacyExtensionId(identityId, NOTICE_TYPE), legacyExtensionId(identityId, SITE_TYPE),
                legacyExtensionId(identityId, EVENT_TYPE), legacyExtensionId(identityId, ANSWER_TYPE));
    }

    static String noticeStixId(OperationNotice notice) {
        return NOTICE_TYPE + "--" + nameUuid("concord-notice|" + notice.id().value());
    }

    static String siteStixId(String siteId) {
        return SITE_TYPE + "--" + nameUuid("concord-site|" + siteId);
    }

    private static UUID nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** This node's extension definitions (notice, protected site, unplanned event), marked TLP:CLEAR. */
    static List<ObjectNode> extensionDefinitions(String identityId) {
        return List.of(
                extensionDefinition(identityId, NOTICE_TYPE, "Concord operation notice",
                        "A state's advance notice to its partner of an operation it plans near their common border: "
                                + "type, area (GeoJSON), time window, NOTAM/NAVAREA references, contact, classification.",
                        "x-concord-operation-notice.json"),
                extensionDefinition(identityId, SITE_TYPE, "Concord protected site",
                        "A place a state declares protected from the other's operations (border market, refugee camp, "
                                + "village, crossing point), with its area as GeoJSON.",
                        "x-concord-protected-site.json"),
                extensionDefinition(identityId, EVENT_TYPE, "Concord unplanned event",
                        "An accidental or unexplained launch, or an incursion, reported to the partner within minutes, "
                                + "with its track (GeoJSON) as far as it is known.",
                        "x-concord-unplanned-event.json"),
                extensionDefinition(identityId, ANSWER_TYPE, "Concord conflict answer",
                        "The partner's answer to a conflict flagged between a notice and its own notified operation or "
                                + "protected site: acknowledge, or object with a reason.",
                        "x-concord-conflict-answer.json"),
                extensionDefinition(identityId, ACKNOWLEDGEMENT_TYPE, "Concord event acknowledgement",
                        "The partner's acknowledgement that it received an unplanned event and someone is on it, sent back "
                                + "to the reporting node.",
                        "x-concord-event-acknowledgement.json"),
                extensionDefinition(identityId, SigningAgreements.TYPE, "Concord agreement",
                        "A pair's notice rules, proposed and signed by one party; in force once the other signs it too.",
                        "x-concord-agreement.json"),
                extensionDefinition(identityId, SigningAgreements.SIGNATURE_TYPE, "Concord agreement signature",
                        "The second party's signature of an agreement the first proposed: the agreement is in force from then.",
                        "x-concord-agreement-signature.json"));
    }

    private static ObjectNode extensionDefinition(String identityId, String type, String name, String description,
            String schemaFile) {
        ObjectNode o = NoticeJson.JSON.createObjectNode();
        o.put("type", "extension-definition");
        o.put("spec_version", "2.1");
        o.put("id", extensionId(identityId, type));
        o.put("created_by_ref", identityId);
        o.put("created", EXTENSIONS_CREATED);
        o.put("modified", EXTENSIONS_CREATED);
        o.put("name", name);
        o.put("description", description + " Declares the object type " + type + ".");
        o.put("schema", SCHEMA_BASE + schemaFile);
        o.put("version", EXTENSION_VERSION);
        o.putArray("extension_types").add("new-sdo");
        o.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return o;
    }

    /** {@code notice} as a STIX object created by this node at {@code now}. */
    static ObjectNode notice(OperationNotice notice, String identityId, Instant now) {
        ObjectNode o = common(NOTICE_TYPE, noticeStixId(notice), identityId, now, tlp(notice.classification()));
        NoticeJson.STIX.write(o, notice);
        return o;
    }

    /** The notifier's rules for the pair, as {@link org.concord.deconfliction.NoticeRules#terms()} states them. */
    static final String RULES = "rules";

    /** {@code stix} (a notice) with the terms of the rules its notifier evaluated it under. */
    static ObjectNode withRules(ObjectNode stix, List<String> terms) {
        var array = stix.putArray(RULES);
        terms.forEach(array::add);
        return stix;
    }

    /** Every state a notice goes to: its {@code partner} first, then each other one whose notice zone it lies in. */
    static final String ADDRESSEES = "addressees";
    /** The notifier's rules for each addressee's pair, by addressee (its {@code rules} are the first addressee's). */
    static final String RULES_FOR = "rules_for";

    /**
     * {@code stix} (a notice) addressed to every one of {@code addressees} (the notice's partner first), with the
     * rules its notifier evaluated it under for each pair.
     */
    static ObjectNode withAddressees(ObjectNode stix, java.util.Map<PartyCode, List<String>> rulesByAddressee) {
        var addressees = stix.putArray(ADDRESSEES);
        ObjectNode rulesFor = stix.putObject(RULES_FOR);
        rulesByAddressee.forEach((party, terms) -> {
            addressees.add(party.value());
            terms.forEach(rulesFor.putArray(party.value())::add);
        });
        return stix;
    }

    /** Every state a notice is addressed to: {@code addressees}, or its {@code partner} alone (a notice of one addressee). */
    static List<PartyCode> addresseesOf(JsonNode notice) {
        JsonNode listed = notice.path(ADDRESSEES);
        if (!listed.isArray()) {
            return List.of(PartyCode.of(notice.path("partner").asString("")));
        }
        List<PartyCode> out = new java.util.ArrayList<>();
        for (JsonNode party : listed) {
            PartyCode code;
            try {
                code = PartyCode.of(party.asString(""));
            } catch (RuntimeException e) {
                throw new InvalidInput(ADDRESSEES, "party-codes", "addressees is a list of two-letter party codes, got " + party);
            }
            if (out.contains(code) || out.size() >= 20) {
                throw new InvalidInput(ADDRESSEES, "party-codes", "addressees lists each party once, at most 20");
            }
            out.add(code);
        }
        return List.copyOf(out);
    }

    /**
     * The rules a received notice says its notifier applied for the pair with {@code addressee}: its entry in
     * {@code rules_for}, else {@code rules}; empty if it says none (a node before issue 14).
     */
    static Optional<List<String>> rulesOf(JsonNode notice, PartyCode addressee) {
        JsonNode mine = notice.path(RULES_FOR).path(addressee.value());
        return terms(mine.isArray() ? mine : notice.path(RULES));
    }

    /** A list of rule terms, as {@code rules} and each entry of {@code rules_for} hold them; empty if not a list. */
    private static Optional<List<String>> terms(JsonNode rules) {
        if (!rules.isArray()) {
            return Optional.empty();
        }
        List<String> terms = new java.util.ArrayList<>();
        for (JsonNode term : rules) {
            if (!term.isString() || term.asString().length() > 500 || terms.size() >= 50) {
                throw new InvalidInput(RULES, "rule-terms", "rules is a list of at most 50 terms of at most 500 characters");
            }
            terms.add(term.asString());
        }
        return Optional.of(List.copyOf(terms));
    }

    /**
     * A revision of a notice this node sent: a new version of the same object ({@code created} kept,
     * {@code modified} later than the version it replaces), with its revision number and reason.
     */
    static ObjectNode revision(OperationNotice notice, JsonNode previous, int revision, String reason, String identityId,
            Instant now) {
        ObjectNode o = notice(notice, identityId, later(previous, now));
        o.put("created", previous.path("created").asString());
        o.put(REVISION, revision);
        if (reason != null) {
            o.put(REVISION_REASON, reason);
        }
        return o;
    }

    /**
     * The withdrawal of a notice this node sent: the current version revoked (STIX 2.1 section 3.6.2; no
     * version may follow), every other property kept, with the reason.
     */
    static ObjectNode withdrawal(JsonNode current, String reason, Instant now) {
        ObjectNode o = (ObjectNode) current.deepCopy();
        o.put("modified", StixTimes.format(later(current, now)));
        o.put("revoked", true);
        o.remove(REVISION_REASON);
        if (reason != null) {
            o.put(WITHDRAWAL_REASON, reason);
        }
        return o;
    }

    /** {@code now}, or a millisecond after the previous version if the clock has not moved past it. */
    private static Instant later(JsonNode previous, Instant now) {
        Instant before = Instant.parse(previous.path("modified").asString());
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return at.isAfter(before) ? at : before.plusMillis(1);
    }

    /** The revision number of a notice object: 1 when left out; refused unless a whole number from 1 to 10,000. */
    static int revisionOf(JsonNode object) {
        JsonNode r = object.get(REVISION);
        if (r == null || r.isNull()) {
            return 1;
        }
        if (!r.isIntegralNumber() || r.asLong() < 1 || r.asLong() > 10_000) {
            throw new InvalidInput(REVISION, "revision-number", "a notice's revision is a whole number from 1 to 10000, got " + r);
        }
        return r.asInt();
    }

    /** A protected site as a STIX object created by this node at {@code now}. */
    static ObjectNode site(String siteId, ProtectedSite site, String identityId, Instant now) {
        ObjectNode o = common(SITE_TYPE, siteStixId(siteId), identityId, now, site.marking());
        o.put("site_id", siteId);
        o.put("name", site.name());
        o.put("kind", site.kind().name());
        o.put("declared_by", site.declaredBy().value());
        o.set("area", NoticeJson.geometry(GeoJson.write(site.area())));
        return o;
    }

    /** The properties every object of Concord's deconfliction types has, for another class of this package. */
    static ObjectNode commonObject(String type, String id, String identityId, Instant now, Tlp tlp) {
        return common(type, id, identityId, now, tlp);
    }

    private static ObjectNode common(String type, String id, String identityId, Instant now, Tlp tlp) {
        String at = StixTimes.format(now);
        ObjectNode o = NoticeJson.JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created_by_ref", identityId);
        o.put("created", at);
        o.put("modified", at);
        o.putArray("object_marking_refs").add(tlp.markingDefinitionId());
        o.putObject("extensions").putObject(extensionId(identityId, type)).put("extension_type", "new-sdo");
        return o;
    }

    static Tlp tlp(Classification c) {
        switch (c) {
            case CLEAR:
                return Tlp.CLEAR;
            case GREEN:
                return Tlp.GREEN;
            case AMBER:
                return Tlp.AMBER;
            case AMBER_STRICT:
                return Tlp.AMBER_STRICT;
            default:
                return Tlp.RED;
        }
    }

    /** Reads a notice received from {@code from}; it must be the notifying party. */
    static OperationNotice readNotice(JsonNode object, PartyCode from, GeoJson reader) {
        OperationNotice notice = NoticeJson.STIX.read(object, null, null, reader);
        if (!notice.notifyingParty().equals(from)) {
            throw new InvalidInput("notifyingParty", "sender-notifies",
                    "a partner may only send its own notices; " + from + " sent one of " + notice.notifyingParty());
        }
        return notice;
    }

    /** Reads a site received from {@code from}; it must be the declaring party. */
    static ProtectedSite readSite(JsonNode object, PartyCode from, GeoJson reader) {
        String declaredBy = object.path("declared_by").asString("");
        if (!from.value().equals(declaredBy)) {
            throw new InvalidInput("declaredBy", "sender-declares",
                    "a partner may only declare its own sites; " + from + " sent one of " + declaredBy);
        }
        ProtectedSite.Kind kind;
        try {
            kind = ProtectedSite.Kind.valueOf(object.path("kind").asString("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", "site-kind", "unknown site kind " + object.path("kind"));
        }
        return new ProtectedSite(object.path("name").asString(null), kind, from, reader.read("area", object.get("area")),
                Tlp.of(object).orElse(ProtectedSite.DEFAULT_MARKING));
    }

    static String eventStixId(UnplannedEvent event) {
        return EVENT_TYPE + "--" + nameUuid("concord-event|" + event.id().value());
    }

    /** An unplanned event as a STIX object created by this node at {@code now}, marked TLP:AMBER. */
    static ObjectNode event(UnplannedEvent event, String identityId, Instant now) {
        ObjectNode o = common(EVENT_TYPE, eventStixId(event), identityId, now, Tlp.AMBER);
        NoticeJson.STIX.writeEvent(o, event);
        return o;
    }

    /** Reads an event received from {@code from}; it must be the reporting party. */
    static UnplannedEvent readEvent(JsonNode object, PartyCode from, GeoJson reader) {
        UnplannedEvent event = NoticeJson.STIX.readEvent(object, null, null, reader);
        if (!event.reportedBy().equals(from)) {
            throw new InvalidInput("reportedBy", "sender-reports",
                    "a partner may only send its own reports; " + from + " sent one of " + event.reportedBy());
        }
        return event;
    }

    /** One answer per conflict, so its STIX id is a name-based UUID of the conflict id. */
    static String answerStixId(org.concord.deconfliction.ConflictId conflict) {
        return ANSWER_TYPE + "--" + nameUuid("concord-conflict-answer|" + conflict.value());
    }

    /** A conflict answer as a STIX object created by this node at {@code now}, marked TLP:AMBER. */
    static ObjectNode answer(org.concord.deconfliction.ConflictAnswer answer, String noticeId, String identityId, Instant now) {
        ObjectNode o = common(ANSWER_TYPE, answerStixId(answer.conflict()), identityId, now, Tlp.AMBER);
        o.put("conflict_id", answer.conflict().value());
        o.put("notice_id", noticeId);
        o.put("answered_by", answer.answeredBy().value());
        o.put("verdict", answer.verdict().name().toLowerCase(Locale.ROOT));
        answer.reason().ifPresent(r -> o.put("reason", r));
        o.put("answered_at", StixTimes.format(answer.answeredAt()));
        return o;
    }

    /** One acknowledgement per event, so its STIX id is a name-based UUID of the event id. */
    static String acknowledgementStixId(String eventId) {
        return ACKNOWLEDGEMENT_TYPE + "--" + nameUuid("concord-event-acknowledgement|" + eventId);
    }

    /** The acknowledgement of a received event, sent back to the reporting party, marked TLP:AMBER. */
    static ObjectNode acknowledgement(UnplannedEvent event, PartyCode acknowledgedBy, Instant at, String identityId) {
        ObjectNode o = common(ACKNOWLEDGEMENT_TYPE, acknowledgementStixId(event.id().value()), identityId, at, Tlp.AMBER);
        o.put("event_id", event.id().value());
        o.put("reported_by", event.reportedBy().value());
        o.put("acknowledged_by", acknowledgedBy.value());
        o.put("acknowledged_at", StixTimes.format(at));
        return o;
    }

    /** An acknowledgement received from {@code from}: the event it acknowledges and when. */
    record Acknowledgement(String eventId, PartyCode reportedBy, Instant at) {
    }

    /** Reads an acknowledgement received from {@code from}; it must be the acknowledging party. */
    static Acknowledgement readAcknowledgement(JsonNode object, PartyCode from) {
        String by = object.path("acknowledged_by").asString("");
        if (!by.equals(from.value())) {
            throw new InvalidInput("acknowledged_by", "sender-acknowledges", "a partner may only send its own "
                    + "acknowledgements; " + from + " sent one of '" + by + "'");
        }
        String eventId = object.path("event_id").asString("");
        if (eventId.isBlank() || eventId.length() > 128) {
            throw new InvalidInput("event_id", "required", "an acknowledgement names the event it acknowledges");
        }
        PartyCode reportedBy;
        try {
            reportedBy = PartyCode.of(object.path("reported_by").asString(""));
        } catch (RuntimeException e) {
            throw new InvalidInput("reported_by", "iso-3166-alpha-2", "not a party code: " + object.path("reported_by"));
        }
        try {
            return new Acknowledgement(eventId, reportedBy, Instant.parse(object.path("acknowledged_at").asString("")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput("acknowledged_at", "timestamp", "not a timestamp: " + object.path("acknowledged_at"));
        }
    }

    /** Reads an answer received from {@code from}; it must be the answering party. */
    static org.concord.deconfliction.ConflictAnswer readAnswer(JsonNode object, PartyCode from) {
        String by = object.path("answered_by").asString("");
        if (!by.equals(from.value())) {
            throw new InvalidInput("answered_by", "sender-answers", "a partner may only send its own answers; " + from
                    + " sent one of '" + by + "'");
        }
        org.concord.deconfliction.ConflictAnswer.Verdict verdict;
        try {
            verdict = org.concord.deconfliction.ConflictAnswer.Verdict.valueOf(object.path("verdict").asString("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("verdict", "acknowledge-or-object", "unknown verdict " + object.path("verdict"));
        }
        Instant at;
        try {
            at = Instant.parse(object.path("answered_at").asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput("answered_at", "timestamp", "not a timestamp: " + object.path("answered_at"));
        }
        return new org.concord.deconfliction.ConflictAnswer(new org.concord.deconfliction.ConflictId(object.path("conflict_id").asString("")),
                from, verdict, java.util.Optional.ofNullable(object.path("reason").asString(null)), at);
    }

    /** STIX timestamps: UTC, milliseconds. */
    static final class StixTimes {
        private StixTimes() {
        }

        static String format(Instant instant) {
            return instant.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\.\\d{3})?Z$", "") + millis(instant) + "Z";
        }

        private static String millis(Instant instant) {
            return String.format(Locale.ROOT, ".%03d", instant.truncatedTo(ChronoUnit.MILLIS).getNano() / 1_000_000);
        }
    }
}
