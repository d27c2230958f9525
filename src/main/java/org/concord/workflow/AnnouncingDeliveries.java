package org.concord.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.exchange.Delivered;
import org.concord.exchange.ReceiptsSigned;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A message this node sent reached the partner with a receipt ({@link Delivered}): its case changed
 * as a page shows it (the message's mark turns from "queued" to "delivered with receipt"), so the
 * case is announced as a {@link CaseChanged} of message type {@code delivered}, once per case of the
 * batch, and the pages that show it live read it again. The same for a message received, once
 * its receipt is signed.
 */
@Component
class AnnouncingDeliveries {

    static final String DELIVERED = "delivered";
    static final String RECEIPTED = "receipted";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AnnouncingDeliveries(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    void on(Delivered delivered) {
        announce(delivered.objectIds(), DELIVERED, Workflow.SENT);
    }

    /**
     * A message this node received was receipted ({@link ReceiptsSigned}): the receipt is signed after
     * the message is committed, so a page that read the case when the message arrived still showed
     * none; its mark turns to "receipt signed" now.
     */
    @EventListener
    void on(ReceiptsSigned signed) {
        announce(signed.objectIds(), RECEIPTED, Workflow.RECEIVED);
    }

    private void announce(List<String> objectIds, String messageType, String direction) {
        Map<String, String> cases = new LinkedHashMap<>();
        int from = 0;
        while (from < objectIds.size()) {
            var chunk = objectIds.subList(from, Math.min(from + 500, objectIds.size()));
            jdbc.sql("select case_id, case_type from workflow_message where direction = ? and id in ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(java.util.stream.Stream.concat(java.util.stream.Stream.of(direction), chunk.stream()).toList())
                    .query((java.sql.ResultSet rs) -> {
                        cases.put(rs.getString(1), rs.getString(2));
                    });
            from += chunk.size();
        }
        cases.forEach((caseId, type) -> events.publishEvent(new CaseChanged(type, caseId, messageType, direction)));
    }
}
