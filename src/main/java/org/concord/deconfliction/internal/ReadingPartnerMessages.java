package org.concord.deconfliction.internal;

import java.util.List;
import java.util.Optional;

import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * What this node reads of a partner's deconfliction message, and the rules it must keep to be taken:
 * one definition, run twice. The inbox's gate ({@link DeconflictionInboxCheck}) runs it before a
 * receipt is signed, so that a message this node will not take is refused in the TAXII status, which
 * the partner's outbox shows, rather than receipted and then dropped; the hand-over
 * ({@link ReceivingFromPartners}) runs it again on what it stores, for what changed in between (an
 * event of ours reported since). Each rule is an {@link InvalidInput} naming the field and the rule.
 */
@Component
class ReadingPartnerMessages {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final DeconflictionTables tables;
    private final DeconflictionConfiguration.OwnParty own;
    private final DeconflictionConfiguration.GeoJsonReaders readers;
    private final Boundaries boundaries;

    ReadingPartnerMessages(DeconflictionTables tables, DeconflictionConfiguration.OwnParty own,
            DeconflictionConfiguration.GeoJsonReaders readers, Boundaries boundaries) {
        this.tables = tables;
        this.own = own;
        this.readers = readers;
        this.boundaries = boundaries;
    }

    /** A notice: the notifying party's own, listing its partner first and addressed (also) to this node. */
    OperationNotice notice(PartyCode from, JsonNode object) {
        OperationNotice read = StixMapping.readNotice(object, from, readers.reader());
        List<PartyCode> addressees = StixMapping.addresseesOf(object);
        if (!addressees.get(0).equals(read.partner())) {
            throw new InvalidInput("addressees", "partner-first", "a notice lists its partner " + read.partner()
                    + " first among its addressees, got " + addressees);
        }
        if (!addressees.contains(own.code())) {
            throw new InvalidInput("partner", "addressed-to-this-node", "the notice is addressed to "
                    + addressees.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")) + ", not to " + own.code());
        }
        return read;
    }

    /**
     * An unplanned event: the sender's own report ({@code reported_by}), addressed to this node, between
     * two parties that share a land border.
     */
    UnplannedEvent event(PartyCode from, JsonNode object) {
        UnplannedEvent reported = StixMapping.readEvent(object, from, readers.reader());
        if (!reported.partner().equals(own.code())) {
            throw new InvalidInput("partner", "addressed-to-this-node", "the report is addressed to " + reported.partner()
                    + ", not to " + own.code());
        }
        try {
            boundaries.border(CountryCode.of(reported.reportedBy().value()),
                    CountryCode.of(reported.partner().value()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("partner", "shares-a-land-border", e.getMessage());
        }
        return reported;
    }

    /**
     * A protected site: the sender's own ({@code declared_by}); one it declared before may come again
     * (a delivery repeated, a newer {@code modified}) but not changed, as a site is never changed once
     * declared.
     */
    ProtectedSite site(PartyCode from, JsonNode object) {
        String siteId = object.path("site_id").asString("");
        if (siteId.isBlank() || siteId.length() > 128) {
            throw new InvalidInput("site_id", "required", "a protected site needs its site_id (at most 128 characters)");
        }
        ProtectedSite site = StixMapping.readSite(object, from, readers.reader());
        Optional<DeconflictionTables.StoredSite> held = tables.site(siteId);
        if (held.isPresent() && held.get().site().declaredBy().equals(from) && !sameSite(held.get().stixObject(), object)) {
            throw new InvalidInput("site_id", "declared-once", "site " + siteId + " was declared by " + from + " on "
                    + held.get().recordedAt() + " and is held as declared; a protected site is not changed once declared:"
                    + " declare the changed site under a new site_id");
        }
        return site;
    }

    /** Whether a site sent again says what the one held says: the same object but for when it was written. */
    private static boolean sameSite(String held, JsonNode sent) {
        tools.jackson.databind.node.ObjectNode a = (tools.jackson.databind.node.ObjectNode) JSON.readTree(held);
        tools.jackson.databind.node.ObjectNode b = ((tools.jackson.databind.node.ObjectNode) sent).deepCopy();
        a.remove("modified");
        b.remove("modified");
        return a.equals(b);
    }

    /** An acknowledgement: the sender's own, of an event this node reported to the sender. */
    StixMapping.Acknowledgement acknowledgement(PartyCode from, JsonNode object) {
        StixMapping.Acknowledgement ack = StixMapping.readAcknowledgement(object, from);
        DeconflictionTables.StoredEvent reported = tables.event(ack.eventId()).orElseThrow(() -> new InvalidInput("event_id",
                "known-event", "no event " + ack.eventId() + " is held by this node"));
        if (reported.direction() != DeconflictionTables.Direction.SENT || !reported.event().partner().equals(from)) {
            throw new InvalidInput("event_id", "reported-to-the-sender", "event " + ack.eventId() + " was not reported by "
                    + own.code() + " to " + from);
        }
        return ack;
    }
}
