package org.concord.deconfliction.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.concord.audit.AuditLog;
import org.concord.intel.InboxCheck;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The inbox's gate for what a partner sends under an id of its choosing, run before it is stored
 * and a receipt signed for it: an operation notice ({@code notice_id}), an unplanned event
 * ({@code event_id}) or a protected site ({@code site_id}). Its id, and its STIX id, must not be
 * those of a notice, event or site this node holds from another party, its own above all. Each STIX
 * id is derived from the id alone ({@link StixMapping#noticeStixId}, {@link StixMapping#eventStixId},
 * {@link StixMapping#siteStixId}), and a node holds one of each per id: a partner's {@code patrol-7}
 * sent while this node's officer created a {@code patrol-7} of its own, or a partner that sends a
 * notice, a report or a site under the id of one of ours on purpose, was receipted and then dropped
 * without a word ({@link ReceivingFromPartners} keeps ours), the sender believing it delivered. It
 * is refused here instead, naming the field ({@code $.notice_id}, {@code $.event_id},
 * {@code $.site_id}, or {@code $.id} for the STIX id), so that the sender's outbox shows why and its
 * officer can send it under another id, and the attempt is audited as
 * {@code deconfliction.notice-id-refused}, {@code deconfliction.event-id-refused} or
 * {@code deconfliction.site-id-refused}. A partner sending its own again (the same id, a new
 * version: a notice's revision or withdrawal, an event's newer report) passes: what is held under
 * the id is its own. Then whatever the hand-over would not take, by the rules {@link ReadingPartnerMessages}
 * holds for both, is refused here too ({@code deconfliction.message-refused}), acknowledgements of events
 * included.
 */
@Component
class DeconflictionInboxCheck implements InboxCheck {

    /**
     * How the refusal speaks of one type: the property holding its id, what the id is called ({@code notice id}),
     * what one of them is called ({@code notice}), the rule, how the party that made it made it ({@code sent}),
     * the audit action, and how the holders of an id and a STIX id are read.
     */
    private record Kind(String idField, String idName, String thing, String rule, String made, String audited,
            BiFunction<String, String, List<DeconflictionTables.Holder>> holders) {
    }

    private final Map<String, Kind> kinds;
    private final AuditLog audit;
    private final ReadingPartnerMessages reading;

    DeconflictionInboxCheck(DeconflictionTables tables, AuditLog audit, DeconflictionConfiguration.OwnParty own,
            ReadingPartnerMessages reading) {
        this.audit = audit;
        this.reading = reading;
        this.kinds = Map.of(
                StixMapping.NOTICE_TYPE, new Kind("notice_id", "notice", "notice", "own-notice-id", "sent",
                        "deconfliction.notice-id-refused", tables::noticeHolders),
                StixMapping.EVENT_TYPE, new Kind("event_id", "event", "report", "own-event-id", "reported",
                        "deconfliction.event-id-refused", tables::eventHolders),
                StixMapping.SITE_TYPE, new Kind("site_id", "site", "site", "own-site-id", "declared",
                        "deconfliction.site-id-refused", (id, stixId) -> tables.siteHolders(id, stixId, own.code())));
    }

    @Override
    public Optional<String> refusal(PartyCode from, JsonNode object) {
        String type = object.path("type").asString("");
        if (StixMapping.ACKNOWLEDGEMENT_TYPE.equals(type)) {
            return unreadable(from, object, () -> reading.acknowledgement(from, object));
        }
        Kind kind = kinds.get(type);
        if (kind == null) {
            return Optional.empty();
        }
        Optional<String> taken = heldFromAnother(kind, from, object);
        if (taken.isPresent()) {
            return taken;
        }
        return unreadable(from, object, switch (type) {
            case StixMapping.NOTICE_TYPE -> () -> reading.notice(from, object);
            case StixMapping.EVENT_TYPE -> () -> reading.event(from, object);
            default -> () -> reading.site(from, object);
        });
    }

    /**
     * Why this node would not take the message, by the rules the hand-over ({@link ReceivingFromPartners})
     * applies, read by the one {@link ReadingPartnerMessages}: an acknowledgement of an event this node
     * did not report to the sender, an event or a site the sender says another party reported or
     * declared, a site declared before and now sent changed, a notice not addressed to this node. These
     * were receipted and then dropped (audited, but the sender believed them delivered): now refused in
     * the TAXII status, {@code $.field: explanation (rule: name)}, and audited as
     * {@code deconfliction.message-refused}.
     */
    private Optional<String> unreadable(PartyCode from, JsonNode object, Runnable read) {
        try {
            read.run();
            return Optional.empty();
        } catch (InvalidInput e) {
            String field = NoticeJson.snakeCase(e.field());
            String message = e.getMessage();
            String explanation = message.startsWith(e.field() + ": ") ? message.substring(e.field().length() + 2) : message;
            String refusal = "$." + field + ": " + explanation + " (rule: " + e.rule() + ")";
            audit.record("partner:" + from, "deconfliction.message-refused", object.path("id").asString(""), refusal);
            return Optional.of(refusal);
        } catch (IllegalArgumentException e) {
            // what the GeoJSON reader refuses (an area that is not a polygon, a party the boundaries do not know)
            String refusal = "$: " + e.getMessage();
            audit.record("partner:" + from, "deconfliction.message-refused", object.path("id").asString(""), refusal);
            return Optional.of(refusal);
        }
    }

    private Optional<String> heldFromAnother(Kind kind, PartyCode from, JsonNode object) {
        String id = object.path(kind.idField()).isString() ? object.path(kind.idField()).asString() : "";
        String stixId = object.path("id").asString("");
        // one without an id is ReceivingFromPartners' to drop (naming the field); only a held one is refused here
        List<DeconflictionTables.Holder> held = kind.holders().apply(id, stixId).stream()
                .sorted(Comparator.comparing(h -> !h.id().equals(id))).toList();
        for (DeconflictionTables.Holder holder : held) {
            if (holder.party().equals(from)) {
                continue;
            }
            boolean sameId = holder.id().equals(id);
            String whose = holder.direction() == DeconflictionTables.Direction.SENT
                    ? "this node's own " + kind.thing() + " (" + holder.party() + " " + kind.made() + " it)"
                    : holder.party() + "'s " + kind.thing() + ", received by this node";
            String refusal = (sameId ? "$." + kind.idField() + ": " + id + " is the " + kind.idName() + " id of " + whose
                    : "$.id: " + stixId + " is the STIX id of " + whose + ", " + kind.idName() + " " + holder.id())
                    + "; a partner's " + kind.thing() + " may not take it (rule: " + kind.rule() + "): send it under another "
                    + kind.idName() + " id";
            audit.record("partner:" + from, kind.audited(), sameId ? id : stixId, refusal);
            return Optional.of(refusal);
        }
        return Optional.empty();
    }
}
