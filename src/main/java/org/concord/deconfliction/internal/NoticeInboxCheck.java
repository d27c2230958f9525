package org.concord.deconfliction.internal;

import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.intel.InboxCheck;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The inbox's gate for a partner's operation notice, run before it is stored and a receipt signed
 * for it: its notice id, and its STIX id, must not be those of a notice this node holds from another
 * party, its own above all. A notice's STIX id is derived from its notice id alone ({@link
 * StixMapping#noticeStixId}), and a node holds one notice per id: a partner's {@code patrol-7} sent
 * while this node's officer created a {@code patrol-7} of its own, or a partner that sends a notice
 * under the id of one of ours on purpose, was receipted and then dropped without a word ({@link
 * ReceivingFromPartners} keeps ours), the sender believing it delivered. It is refused here instead,
 * naming {@code $.notice_id}, so that the sender's outbox shows why and its officer can send the
 * notice under another id, and the attempt is audited as {@code deconfliction.notice-id-refused}.
 * A partner sending its own notice again (the same id, a new version: a revision, a withdrawal)
 * passes: the notice held under the id is its own.
 */
@Component
class NoticeInboxCheck implements InboxCheck {

    private final DeconflictionTables tables;
    private final AuditLog audit;

    NoticeInboxCheck(DeconflictionTables tables, AuditLog audit) {
        this.tables = tables;
        this.audit = audit;
    }

    @Override
    public Optional<String> refusal(PartyCode from, JsonNode object) {
        if (!StixMapping.NOTICE_TYPE.equals(object.path("type").asString(""))) {
            return Optional.empty();
        }
        String noticeId = object.path("notice_id").isString() ? object.path("notice_id").asString() : "";
        String stixId = object.path("id").asString("");
        // a notice without a notice id is ReceivingFromPartners' to drop (naming the field); only a held one is refused here
        List<DeconflictionTables.NoticeHolder> held = tables.holders(noticeId, stixId).stream()
                .sorted(java.util.Comparator.comparing(h -> !h.id().equals(noticeId))).toList();
        for (DeconflictionTables.NoticeHolder holder : held) {
            if (holder.notifyingParty().equals(from)) {
                continue;
            }
            boolean sameNoticeId = holder.id().equals(noticeId);
            String whose = holder.direction() == DeconflictionTables.Direction.SENT
                    ? "this node's own notice (" + holder.notifyingParty() + " sent it)"
                    : holder.notifyingParty() + "'s notice, received by this node";
            String refusal = (sameNoticeId ? "$.notice_id: " + noticeId + " is the notice id of " + whose
                    : "$.id: " + stixId + " is the STIX id of " + whose + ", notice " + holder.id())
                    + "; a partner's notice may not take it (rule: own-notice-id): send it under another notice id";
            audit.record("partner:" + from, "deconfliction.notice-id-refused", sameNoticeId ? noticeId : stixId, refusal);
            return Optional.of(refusal);
        }
        return Optional.empty();
    }
}
