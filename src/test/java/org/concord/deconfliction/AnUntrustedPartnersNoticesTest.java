package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.geo.Position;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A partner node is authenticated but not trusted: a notice it sends is evaluated on arrival as
 * this node's own would be. Its node is bypassed here by queueing hand-made STIX objects in its
 * outbox, as a modified node could.
 */
class AnUntrustedPartnersNoticesTest {

    private final TwoNodes nodes = TwoNodes.shared();

    private ObjectNode aStixNotice(String notifyingParty, Position centre) {
        String id = "forged-" + UUID.randomUUID();
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "x-concord-operation-notice");
        o.put("spec_version", "2.1");
        o.put("id", "x-concord-operation-notice--" + UUID.randomUUID());
        o.put("created_by_ref", nodes.ir.identity().stixIdentityId());
        o.put("created", "2026-01-20T00:00:00.000Z");
        o.put("modified", "2026-01-20T00:00:00.000Z");
        o.putArray("object_marking_refs").add(Tlp.AMBER_STRICT.markingDefinitionId());
        o.putObject("extensions").putObject("extension-definition--" + UUID.randomUUID()).put("extension_type", "new-sdo");
        o.put("notice_id", id);
        o.put("notifying_party", notifyingParty);
        o.put("partner", "PK");
        o.put("operation_type", "AIR_STRIKE");
        ObjectNode area = o.putObject("area");
        area.putObject("centre").put("type", "Point").putArray("coordinates").add(centre.lon()).add(centre.lat());
        area.put("radius_km", 5);
        Instant start = Instant.now().plus(Duration.ofDays(4));
        o.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(6)).toString());
        o.putArray("airspace_references").addObject().put("kind", "NOTAM").put("id", "A0124/26");
        o.putObject("contact").put("name", "Duty officer").put("channel", "hotline");
        o.put("classification", "AMBER_STRICT");
        return o;
    }

    @Test
    void a_notice_of_a_strike_in_pakistan_sent_by_a_modified_iranian_node_is_kept_as_a_violation_and_never_accepted()
            throws Exception {
        // given Iran's node, bypassing its own check, sends a notice of a strike round Panjgur
        ObjectNode forged = aStixNotice("IR", PANJGUR);
        String id = forged.get("notice_id").asString();
        nodes.ir.bean(Outbox.class).enqueue(PartyCode.of("PK"), forged);

        // when it is delivered
        deliver(nodes.ir, "PK");

        // then Pakistan keeps it as evidence, refused with the violation, and does not hold it
        JsonNode atPakistan = eventually(nodes.pk, "/api/deconfliction/notices/" + id, r -> r.statusCode() == 200);
        assertThat(atPakistan.get("accepted").asBoolean()).isFalse();
        assertThat(atPakistan.get("evaluation").get("outcome").asString()).isEqualTo("refused");
        assertThat(atPakistan.get("evaluation").get("violation").get("explanation").asString()).contains("PK's territory");
        assertThat(nodes.pk.bean(ActivityMap.class).notice(NoticeId.of(id))).isEmpty();
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/notices")).get("features"))
                .filteredOn(f -> f.get("properties").get("id").asString().equals(id))
                .singleElement().satisfies(f -> assertThat(f.get("properties").get("accepted").asBoolean()).isFalse());
    }

    @Test
    void a_notice_sent_in_another_partys_name_is_refused_at_the_inbox() throws Exception {
        // given Iran's node sends a notice that claims Afghanistan notifies it, then an honest one
        ObjectNode forged = aStixNotice("AF", kmFromTheBorderTowards(PANJGUR, 400));
        ObjectNode honest = aStixNotice("IR", kmFromTheBorderTowards(Fixtures.SARAVAN, 100));
        nodes.ir.bean(Outbox.class).enqueue(PartyCode.of("PK"), forged);
        nodes.ir.bean(Outbox.class).enqueue(PartyCode.of("PK"), honest);

        // when both are delivered
        deliver(nodes.ir, "PK");

        // then the honest one shows, and the forged one is refused at the inbox, before any receipt (audited, naming
        // the field and the rule; IR's outbox shows why) and never shows
        eventually(nodes.pk, "/api/deconfliction/notices/" + honest.get("notice_id").asString(), r -> r.statusCode() == 200);
        String forgedStixId = forged.get("id").asString();
        Eventually.until("PK audits the forged notice as dropped", Duration.ofSeconds(30),
                () -> nodes.pk.bean(AuditLog.class).recent(1000).stream().anyMatch(e -> e.subject().equals(forgedStixId)));
        assertThat(nodes.pk.bean(AuditLog.class).recent(1000)).filteredOn(e -> e.subject().equals(forgedStixId))
                .singleElement().satisfies(e -> {
                    assertThat(e.action()).isEqualTo("deconfliction.message-refused");
                    assertThat(e.actor()).isEqualTo("partner:IR");
                    assertThat(e.detail()).startsWith("$.notifying_party:").contains("(rule: ");
                });
        assertThat(nodes.ir.bean(Outbox.class).latest(PartyCode.of("PK"), forgedStixId).orElseThrow().refusedReason())
                .startsWith("$.notifying_party:");
        assertThat(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + forged.get("notice_id").asString()).statusCode())
                .isEqualTo(404);
    }
}
