package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.assertj.core.groups.Tuple;
import org.concord.audit.AuditEntry;
import org.concord.audit.AuditLog;
import org.concord.deconfliction.geo.Position;
import org.concord.intel.stix.Tlp;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tester's finding on notices, played again for the two other things a partner sends under an
 * id: an unplanned event ({@code x-concord-unplanned-event}) and a protected site
 * ({@code x-concord-protected-site}). Each node holds one event and one site per id, and each STIX
 * id is derived from that id alone, so an event or a site IR posted under the id of one of PK's was
 * receipted by PK and then dropped without a word, IR believing it delivered. PK now refuses it at
 * the inbox, naming {@code $.event_id} or {@code $.site_id} (or {@code $.id} for PK's STIX id), with
 * no receipt; PK's own is unchanged and the attempt audited. IR sending its own again passes.
 */
class APartnersEventOrSiteUnderOneOfOurIdsIsRefusedTest {

    private final TwoNodes nodes = TwoNodes.shared();

    /** IR's node posts {@code objects} to PK's inbox, as the partner; the TAXII status. */
    private JsonNode postToPkAsIr(JsonNode... objects) throws Exception {
        return postToInbox(nodes.ir, nodes.pk, objects);
    }

    /** The properties every object IR's node writes has, for {@code type} under {@code stixId}, at {@code modified}. */
    private ObjectNode irsObject(String type, String stixId, String modified, Tlp marking) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", stixId);
        o.put("created_by_ref", nodes.ir.identity().stixIdentityId());
        o.put("created", "2026-01-20T00:00:00.000Z");
        o.put("modified", modified);
        o.putArray("object_marking_refs").add(marking.markingDefinitionId());
        o.putObject("extensions").putObject("extension-definition--" + UUID.randomUUID()).put("extension_type", "new-sdo");
        return o;
    }

    /** An accidental launch IR reports to PK, as its node would write it, under {@code eventId} and STIX id {@code stixId}. */
    private ObjectNode irsStixEvent(String eventId, String stixId) {
        ObjectNode o = irsObject("x-concord-unplanned-event", stixId, "2026-01-20T00:00:00.000Z", Tlp.AMBER);
        o.put("event_id", eventId);
        o.put("reported_by", "IR");
        o.put("partner", "PK");
        o.put("event_kind", "ACCIDENTAL_LAUNCH");
        o.put("observed_at", Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS).toString());
        var coordinates = o.putObject("track").put("type", "LineString").putArray("coordinates");
        Position from = kmFromTheBorderTowards(SARAVAN, 30);
        Position to = kmFromTheBorderTowards(SARAVAN, 25);
        coordinates.addArray().add(from.lon()).add(from.lat());
        coordinates.addArray().add(to.lon()).add(to.lat());
        o.put("description", "A training rocket left its range; it came down 25 km inside Iran.");
        o.putObject("contact").put("name", "Duty officer").put("channel", "hotline");
        return o;
    }

    /** A border market IR declares, as its node would write it, under {@code siteId} and STIX id {@code stixId}. */
    private ObjectNode irsStixSite(String siteId, String stixId, String name) {
        ObjectNode o = irsObject("x-concord-protected-site", stixId, "2026-01-20T00:00:00.000Z", Tlp.GREEN);
        o.put("site_id", siteId);
        o.put("name", name);
        o.put("kind", "BORDER_MARKET");
        o.put("declared_by", "IR");
        Position at = kmFromTheBorderTowards(SARAVAN, 28);
        o.putObject("area").put("type", "Point").putArray("coordinates").add(at.lon()).add(at.lat());
        return o;
    }

    /** What must not change of an event PK holds. */
    private static JsonNode held(JsonNode event) {
        ObjectNode kept = JSON.createObjectNode();
        for (String field : new String[] {"direction", "stixId", "crossesBorder", "fromBorderKm", "recordedAt", "event"}) {
            kept.set(field, event.get(field));
        }
        return kept;
    }

    /** The site {@code id} on PK's map, or a missing node. */
    private JsonNode pksSite(String id) throws Exception {
        for (JsonNode feature : json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/sites")).path("features")) {
            if (feature.path("properties").path("id").asString("").equals(id)) {
                return feature;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private void assertAudited(String subject, String action) {
        assertThat(nodes.pk.bean(AuditLog.class).recent(500)).filteredOn(e -> e.subject().equals(subject))
                .extracting(AuditEntry::actor, AuditEntry::action)
                .contains(Tuple.tuple("partner:IR", action));
    }

    @Test
    void an_event_iran_posts_under_the_id_of_pakistans_is_refused_before_any_receipt_and_audited() throws Exception {
        // given PK's liaison reported a launch of its own to IR, pk-launch-…
        ObjectNode launch = anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 30), kmFromTheBorderTowards(PANJGUR, 20));
        String id = "pk-launch-" + UUID.randomUUID();
        launch.put("id", id);
        HttpResponse<String> reported = post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", launch.toString());
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        JsonNode before = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/events/" + id));
        assertThat(before.get("direction").asString()).isEqualTo("SENT");
        String stixId = before.get("stixId").asString();

        // when IR posts an event of its own under that event id (and the STIX id both nodes derive from it),
        // and another under a fresh event id but PK's STIX id
        JsonNode status = postToPkAsIr(irsStixEvent(id, stixId), irsStixEvent("ir-launch-" + UUID.randomUUID(), stixId));

        // then PK refuses both in the TAXII status, naming the field and saying what to do, and signs no receipt
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.event_id: " + id).contains("this node's own report", "(rule: own-event-id)", "another event id");
        assertThat(status.path("failures").get(1).path("message").asString()).as(status.toString())
                .startsWith("$.id: " + stixId).contains("this node's own report", "event " + id, "(rule: own-event-id)");
        assertThat(status.path("x_concord_receipts")).as("no receipt for an event this node will not take").isEmpty();

        // and PK's own report is as it was
        assertThat(held(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/events/" + id)))).isEqualTo(held(before));

        // and the attempt is audited, as IR's
        assertAudited(id, "deconfliction.event-id-refused");
        assertAudited(stixId, "deconfliction.event-id-refused");
    }

    @Test
    void iran_sending_its_own_event_again_in_a_newer_version_still_passes() throws Exception {
        String id = "ir-launch-" + UUID.randomUUID();
        ObjectNode first = irsStixEvent(id, "x-concord-unplanned-event--" + UUID.randomUUID());
        assertThat(postToPkAsIr(first).path("x_concord_receipts")).hasSize(1);
        JsonNode received = eventually(nodes.pk, "/api/deconfliction/events/" + id, r -> r.statusCode() == 200);
        assertThat(received.get("direction").asString()).isEqualTo("RECEIVED");

        ObjectNode newer = first.deepCopy();
        newer.put("modified", "2026-01-21T00:00:00.000Z");
        newer.put("description", "The rocket came down 25 km inside Iran; the range is closed.");
        JsonNode status = postToPkAsIr(newer);

        assertThat(status.path("x_concord_receipts")).as(status.toString()).hasSize(1);
        eventually(nodes.pk, "/api/deconfliction/events/" + id,
                r -> json(r).path("event").path("description").asString("").contains("the range is closed"));
    }

    @Test
    void a_site_iran_posts_under_the_id_of_pakistans_is_refused_before_any_receipt_and_audited() throws Exception {
        // given PK's liaison declared a border market on its side
        Position at = kmFromTheBorderTowards(PANJGUR, 28);
        String name = "Pakistan's market " + UUID.randomUUID();
        HttpResponse<String> declared = post(nodes.pk, Role.LIAISON, "/api/deconfliction/sites",
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name
                        + "\",\"kind\":\"border-market\",\"marking\":\"green\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                        + at.lon() + "," + at.lat() + "]}}]}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        String id = json(declared).get("sites").get(0).get("id").asString();
        String stixId = json(declared).get("sites").get(0).get("stixId").asString();
        JsonNode before = pksSite(id);
        assertThat(before.path("properties").path("declaredBy").asString()).isEqualTo("PK");

        // when IR posts a site of its own under that site id (and the STIX id both nodes derive from it),
        // and another under a fresh site id but PK's STIX id
        JsonNode status = postToPkAsIr(irsStixSite(id, stixId, "Iran's market"),
                irsStixSite(UUID.randomUUID().toString(), stixId, "Iran's other market"));

        // then PK refuses both in the TAXII status, naming the field and saying what to do, and signs no receipt
        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.site_id: " + id).contains("this node's own site", "(rule: own-site-id)", "another site id");
        assertThat(status.path("failures").get(1).path("message").asString()).as(status.toString())
                .startsWith("$.id: " + stixId).contains("this node's own site", "site " + id, "(rule: own-site-id)");
        assertThat(status.path("x_concord_receipts")).as("no receipt for a site this node will not take").isEmpty();

        // and PK's own site is as it was
        assertThat(pksSite(id)).isEqualTo(before);

        // and the attempt is audited, as IR's
        assertAudited(id, "deconfliction.site-id-refused");
        assertAudited(stixId, "deconfliction.site-id-refused");
    }

    @Test
    void iran_sending_its_own_site_again_still_passes() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = "Iran's market " + id;
        ObjectNode first = irsStixSite(id, "x-concord-protected-site--" + UUID.randomUUID(), name);
        assertThat(postToPkAsIr(first).path("x_concord_receipts")).hasSize(1);
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains(id));
        assertThat(pksSite(id).path("properties").path("declaredBy").asString()).isEqualTo("IR");

        ObjectNode again = first.deepCopy();
        again.put("modified", "2026-01-21T00:00:00.000Z");
        JsonNode status = postToPkAsIr(again);

        assertThat(status.path("x_concord_receipts")).as(status.toString()).hasSize(1);
        assertThat(pksSite(id).path("properties").path("name").asString()).isEqualTo(name);
    }

    @Test
    void what_pakistan_would_not_take_is_refused_at_the_inbox_not_receipted_then_dropped() throws Exception {
        // an event IR says PK reported, a site IR says PK declared
        ObjectNode notIrsEvent = irsStixEvent("ir-launch-" + UUID.randomUUID(), "x-concord-unplanned-event--" + UUID.randomUUID());
        notIrsEvent.put("reported_by", "PK");
        notIrsEvent.put("partner", "IR");
        ObjectNode notIrsSite = irsStixSite(UUID.randomUUID().toString(), "x-concord-protected-site--" + UUID.randomUUID(), "PK's?");
        notIrsSite.put("declared_by", "PK");
        // an acknowledgement of an event PK never reported
        String unknownEvent = "pk-launch-" + UUID.randomUUID();
        ObjectNode ack = irsObject("x-concord-event-acknowledgement", "x-concord-event-acknowledgement--" + UUID.randomUUID(),
                "2026-01-20T00:00:00.000Z", Tlp.AMBER);
        ack.put("event_id", unknownEvent);
        ack.put("reported_by", "PK");
        ack.put("acknowledged_by", "IR");
        ack.put("acknowledged_at", "2026-01-20T00:00:00Z");

        JsonNode status = postToPkAsIr(notIrsEvent, notIrsSite, ack);

        assertThat(status.path("success_count").asInt()).as(status.toString()).isZero();
        assertThat(status.path("x_concord_receipts")).as("no receipt for what this node will not take").isEmpty();
        JsonNode failures = status.path("failures");
        assertThat(failures.get(0).path("message").asString()).as(status.toString())
                .startsWith("$.reported_by: a partner may only send its own reports").endsWith("(rule: sender-reports)");
        assertThat(failures.get(1).path("message").asString()).as(status.toString())
                .startsWith("$.declared_by: a partner may only declare its own sites").endsWith("(rule: sender-declares)");
        assertThat(failures.get(2).path("message").asString()).as(status.toString())
                .startsWith("$.event_id: no event " + unknownEvent + " is held by this node").endsWith("(rule: known-event)");
        assertAudited(notIrsEvent.path("id").asString(), "deconfliction.message-refused");
        assertAudited(ack.path("id").asString(), "deconfliction.message-refused");
        assertThat(pksSite(notIrsSite.path("site_id").asString()).isMissingNode()).as("nothing of it on PK's map").isTrue();
    }

    @Test
    void a_site_iran_declared_cannot_come_again_changed() throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode first = irsStixSite(id, "x-concord-protected-site--" + UUID.randomUUID(), "Iran's market " + id);
        assertThat(postToPkAsIr(first).path("x_concord_receipts")).hasSize(1);
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains(id));
        JsonNode before = pksSite(id);

        ObjectNode moved = first.deepCopy();
        moved.put("modified", "2026-01-22T00:00:00.000Z");
        moved.put("name", "a market somewhere else");
        JsonNode status = postToPkAsIr(moved);

        assertThat(status.path("x_concord_receipts")).as(status.toString()).isEmpty();
        assertThat(status.path("failures").get(0).path("message").asString()).as(status.toString())
                .startsWith("$.site_id: site " + id + " was declared by IR").contains("declare the changed site under a new site_id")
                .endsWith("(rule: declared-once)");
        assertThat(pksSite(id)).isEqualTo(before);
    }
}
