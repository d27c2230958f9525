package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.exchange.Outbox;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tester's finding, played as the attacker: a notice's STIX id is derived from its notice id
 * alone, and each node holds one notice per id, so a notice IR sent under the id of one of PK's
 * (on purpose, or because both officers chose {@code patrol-7} at once) was receipted by PK and then
 * dropped without a word, IR believing it delivered. PK now refuses it at the inbox, naming
 * {@code $.notice_id}, with no receipt; its own notice is unchanged and the attempt audited; each
 * sender of a same-id race reads the refusal in its outbox. An officer who creates a notice under
 * the id of one received from the partner is refused with 409 naming the id.
 */
class APartnersNoticeUnderOurNoticeIdIsRefusedTest {

    private final TwoNodes nodes = TwoNodes.shared();

    /** A notice of IR's, as its node would write it, under {@code noticeId} and STIX id {@code stixId}. */
    private ObjectNode irsStixNotice(String noticeId, String stixId) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "x-concord-operation-notice");
        o.put("spec_version", "2.1");
        o.put("id", stixId);
        o.put("created_by_ref", nodes.ir.identity().stixIdentityId());
        o.put("created", "2026-01-20T00:00:00.000Z");
        o.put("modified", "2026-01-20T00:00:00.000Z");
        o.putArray("object_marking_refs").add(Tlp.AMBER_STRICT.markingDefinitionId());
        o.putObject("extensions").putObject("extension-definition--" + UUID.randomUUID()).put("extension_type", "new-sdo");
        o.put("notice_id", noticeId);
        o.put("notifying_party", "IR");
        o.put("partner", "PK");
        o.put("operation_type", "BORDER_PATROL");
        var centre = kmFromTheBorderTowards(SARAVAN, 30);
        ObjectNode area = o.putObject("area");
        area.putObject("centre").put("type", "Point").putArray("coordinates").add(centre.lon()).add(centre.lat());
        area.put("radius_km", 2);
        Instant start = Instant.now().plus(Duration.ofDays(4));
        o.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(6)).toString());
        o.putObject("contact").put("name", "Duty officer").put("channel", "hotline");
        o.put("classification", "AMBER_STRICT");
        return o;
    }

    /** IR's node posts {@code objects} to PK's inbox, as the partner; the TAXII status. */
    private JsonNode postToPkAsIr(JsonNode... objects) throws Exception {
        return postToInbox(nodes.ir, nodes.pk, objects);
    }

    /** What must not change of a notice PK holds. */
    private static JsonNode held(JsonNode notice) {
        ObjectNode kept = JSON.createObjectNode();
        for (String field : new String[] {"direction", "stixId", "version", "revision", "notice", "history"}) {
            kept.set(field, notice.get(field));
        }
        return kept;
    }

    /** PK's liaison sends a patrol on its side of the border to IR; its notice as PK shows it. */
    private JsonNode pksPatrol(String id) throws Exception {
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, kmFromTheBorderTowards(PANJGUR, 30), 2);
        patrol.put("id", id);
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id));
    }

    @Test
    void a_notice_iran_posts_under_the_id_of_pakistans_is_refused_before_any_receipt_and_audited() throws Exception {
        // given PK sent its notice pk-patrol-…
        String id = "pk-patrol-" + UUID.randomUUID();
        JsonNode before = pksPatrol(id);
        String stixId = before.get("stixId").asString();

        // when IR posts a notice of its own under that notice id (and the STIX id both nodes derive from it),
        // and another under a fresh notice id but PK's STIX id
        JsonNode status = postToPkAsIr(irsStixNotice(id, stixId), irsStixNotice("ir-" + UUID.randomUUID(), stixId));

        // then PK refuses both in the TAXII status, naming the field and saying what to do, and signs no receipt
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.notice_id: " + id).contains("this node's own notice", "own-notice-id", "another notice id");
        assertThat(status.path("failures").get(1).path("message").asString()).as(status.toString())
                .startsWith("$.id: " + stixId).contains("this node's own notice", "notice " + id);
        assertThat(status.path("x_concord_receipts")).as("no receipt for a notice this node will not take").isEmpty();

        // and PK's own notice is as it was
        assertThat(held(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id)))).isEqualTo(held(before));

        // and the attempt is audited, as IR's
        assertThat(nodes.pk.bean(AuditLog.class).recent(500)).filteredOn(e -> e.subject().equals(id))
                .extracting(AuditEntry::actor, AuditEntry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("partner:IR", "deconfliction.notice-id-refused"));
    }

    @Test
    void iran_sending_its_own_notice_again_in_a_new_version_still_passes() throws Exception {
        String id = "ir-patrol-" + UUID.randomUUID();
        ObjectNode first = irsStixNotice(id, "x-concord-operation-notice--" + UUID.randomUUID());
        assertThat(postToPkAsIr(first).path("x_concord_receipts")).hasSize(1);
        eventually(nodes.pk, "/api/deconfliction/notices/" + id, r -> r.statusCode() == 200);

        ObjectNode revised = first.deepCopy();
        revised.put("modified", "2026-01-21T00:00:00.000Z");
        revised.put("revision", 2);
        revised.put("revision_reason", "a day later");
        JsonNode status = postToPkAsIr(revised);

        assertThat(status.path("x_concord_receipts")).as(status.toString()).hasSize(1);
        eventually(nodes.pk, "/api/deconfliction/notices/" + id, r -> json(r).path("revision").asInt() == 2);
    }

    @Test
    void when_both_officers_send_patrol_7_at_once_each_senders_outbox_shows_the_refusal() throws Exception {
        // given each officer sends a patrol on its own side under the same id, before either is delivered
        String id = "patrol-7-" + UUID.randomUUID();
        JsonNode atPk = pksPatrol(id);
        ObjectNode irs = aNoticeBody("PK", OperationType.BORDER_PATROL, kmFromTheBorderTowards(SARAVAN, 30), 2);
        irs.put("id", id);
        HttpResponse<String> sent = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", irs.toString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String stixId = atPk.get("stixId").asString();

        // when both are delivered
        deliver(nodes.pk, "IR");
        deliver(nodes.ir, "PK");

        // then each sender reads the other's refusal in its outbox, rather than a receipt for a notice never taken
        for (var side : new Object[][] {{nodes.pk, "IR"}, {nodes.ir, "PK"}}) {
            org.concord.testing.TestNode sender = (org.concord.testing.TestNode) side[0];
            Outbox.Message message = sender.bean(Outbox.class).latest(PartyCode.of((String) side[1]), stixId).orElseThrow();
            assertThat(message.refusedReason()).as(sender.code() + "'s outbox").startsWith("$.notice_id: " + id)
                    .contains("own-notice-id");
            assertThat(message.receipt()).isNull();
            assertThat(json(get(sender, Role.VIEWER, "/api/deconfliction/notices/" + id)).get("direction").asString()).isEqualTo("SENT");
        }

        // and the officer who then creates a notice under the id of the partner's is told so, not sent
        String partners = "ir-patrol-" + UUID.randomUUID();
        postToPkAsIr(irsStixNotice(partners, "x-concord-operation-notice--" + UUID.randomUUID()));
        eventually(nodes.pk, "/api/deconfliction/notices/" + partners, r -> r.statusCode() == 200);
        ObjectNode clash = aNoticeBody("IR", OperationType.BORDER_PATROL, kmFromTheBorderTowards(PANJGUR, 30), 2);
        clash.put("id", partners);
        HttpResponse<String> refused = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", clash.toString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("field").asString()).isEqualTo("id");
        assertThat(json(refused).path("detail").asString()).contains("IR sent to this node", "another id");
    }
}
