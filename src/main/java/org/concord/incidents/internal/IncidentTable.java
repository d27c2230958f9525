package org.concord.incidents.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.concord.incidents.FoldedIncident;
import org.concord.incidents.IncidentMessage;
import org.concord.incidents.Incidents;
import org.concord.party.PartyCode;
import org.concord.workflow.StixId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/** The module's tables: {@code incident} and {@code incident_message} (every message, whole). */
@Repository
public class IncidentTable {

    public record IncidentRow(String incidentId, PartyCode partner, Instant openedAt) {
    }

    public record StoredMessage(String id, String direction, Instant recordedAt, JsonNode object) {
    }

    /** An incident's stored messages and their fold. */
    public record Folded(IncidentRow row, List<StoredMessage> stored, FoldedIncident folded) {
        public StoredMessage stored(IncidentMessage message) {
            return stored.stream().filter(s -> s.id().equals(message.id().value())).findFirst().orElseThrow();
        }
    }

    private final JdbcClient jdbc;

    IncidentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the incident unless it is there ({@code on conflict do nothing}: see the requests module's table for why). */
    void addIncident(String incidentId, PartyCode partner, Instant openedAt) {
        jdbc.sql("insert into incident (incident_id, partner, opened_at) values (?, ?, ?) on conflict do nothing")
                .params(incidentId, partner.value(), Timestamp.from(openedAt)).update();
    }

    Optional<IncidentRow> lockIncident(String incidentId) {
        return jdbc.sql("select incident_id, partner, opened_at from incident where incident_id = ? for update")
                .param(incidentId).query(IncidentTable::row).optional();
    }

    public Optional<IncidentRow> findIncident(String incidentId) {
        return jdbc.sql("select incident_id, partner, opened_at from incident where incident_id = ?").param(incidentId)
                .query(IncidentTable::row).optional();
    }

    public List<IncidentRow> incidents() {
        return jdbc.sql("select incident_id, partner, opened_at from incident order by opened_at, incident_id")
                .query(IncidentTable::row).list();
    }

    boolean addMessage(IncidentMessage message, String direction, Instant recordedAt, JsonNode object) {
        return jdbc.sql("""
                insert into incident_message (id, incident_id, message_type, sender, direction, sent_at, recorded_at, object)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(message.id().value(), message.caseId().value(), IncidentStix.messageType(message),
                        message.sender().value(), direction, Timestamp.from(message.sentAt()), Timestamp.from(recordedAt),
                        IncidentStix.JSON.writeValueAsString(object))
                .update() == 1;
    }

    public List<StoredMessage> messages(String incidentId) {
        return jdbc.sql("select id, direction, recorded_at, object from incident_message where incident_id = ? "
                + "order by recorded_at, id")
                .param(incidentId)
                .query((rs, n) -> new StoredMessage(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        IncidentStix.JSON.readTree(rs.getString(4))))
                .list();
    }

    public Optional<Folded> fold(String incidentId) {
        return findIncident(incidentId).map(this::fold);
    }

    Folded fold(IncidentRow row) {
        List<StoredMessage> stored = messages(row.incidentId());
        List<IncidentMessage> messages = new ArrayList<>();
        stored.forEach(s -> messages.add(IncidentStix.fromStix(s.object())));
        return new Folded(row, stored, Incidents.fold(StixId.of(row.incidentId()), messages));
    }

    private static IncidentRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IncidentRow(rs.getString(1), PartyCode.of(rs.getString(2)), rs.getTimestamp(3).toInstant());
    }
}
