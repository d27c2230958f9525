package org.concord.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

import org.concord.exchange.Delivered;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A message this node sent reached the partner with a receipt ({@link Delivered}): its case changed
 * as a page shows it (the message's mark turns from "queued" to "delivered with receipt"), so the
 * case is announced as a {@link CaseChanged} of message type {@code delivered}, once per case of the
 * batch, and the pages that show it live read it again.
 */
@Component
class AnnouncingDeliveries {

    static final String DELIVERED = "delivered";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AnnouncingDeliveries(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    void on(Delivered delivered) {
        Map<String, String> cases = new LinkedHashMap<>();
        int from = 0;
        while (from < delivered.objectIds().size()) {
            var chunk = delivered.objectIds().subList(from, Math.min(from + 500, delivered.objectIds().size()));
            jdbc.sql("select case_id, case_type from workflow_message where direction = ? and id in ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(java.util.stream.Stream.concat(java.util.stream.Stream.of(Workflow.SENT), chunk.stream()).toList())
                    .query((java.sql.ResultSet rs) -> {
                        cases.put(rs.getString(1), rs.getString(2));
                    });
            from += chunk.size();
        }
        cases.forEach((caseId, type) -> events.publishEvent(new CaseChanged(type, caseId, DELIVERED, Workflow.SENT)));
    }
}
