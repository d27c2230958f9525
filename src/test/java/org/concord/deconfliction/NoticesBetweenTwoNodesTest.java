package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.Fixtures.TAFTAN_MIRJAVEH_CROSSING;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.concord.exchange.Outbox;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** PK and IR on real HTTPS and PostgreSQL: what is refused, what is sent and shown, what conflicts, on both sides. */
class NoticesBetweenTwoNodesTest {

    private final TwoNodes nodes = TwoNodes.shared();

    @Test
    void irans_planned_strike_in_the_panjgur_area_is_refused_as_a_sovereignty_violation_and_nothing_reaches_pakistan()
            throws Exception {
        // given Iran's liaison plans an air strike 5 km round Panjgur, in Pakistan
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, PANJGUR, 5);
        String id = strike.get("id").asString();

        // when it is sent
        HttpResponse<String> response = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", strike.toString());

        // then it is refused with the explanation and both offers
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("outcome").asString()).isEqualTo("refused");
        assertThat(body.get("detail").asString()).contains("PK's territory").contains("PK-BA Balochistan");
        JsonNode violation = body.get("violation");
        assertThat(violation.get("partner").asString()).isEqualTo("PK");
        assertThat(violation.get("insidePartner").get("type").asString()).isEqualTo("Polygon");
        assertThat(violation.get("offers")).extracting(o -> o.get("kind").asString())
                .containsExactly("REQUEST_FOR_ACTION", "JOINT_OPERATION_PROPOSAL");
        assertThat(violation.get("offers").get(0).get("fromNotice").asString()).isEqualTo(id);

        // and nothing was stored or queued, so nothing reaches Pakistan
        assertThat(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id).statusCode()).isEqualTo(404);
        assertThat(nodes.ir.bean(Outbox.class).pending(PartyCode.of("PK")))
                .noneMatch(m -> m.objectId().startsWith("x-concord-operation-notice"));
        deliver(nodes.ir, "PK");
        assertThat(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void pakistans_patrol_10_km_from_the_border_on_its_own_side_is_sent_arrives_at_iran_and_shows_there() throws Exception {
        // given a Pakistani patrol 2 km round a point 10 km from the border towards Panjgur
        Position tenKmInside = kmFromTheBorderTowards(PANJGUR, 10);
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, tenKmInside, 2);
        String id = patrol.get("id").asString();

        // when Pakistan's liaison sends it
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());

        // then it is evaluated: notice required, 8 km from the border, nothing broken
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode evaluation = json(response);
        assertThat(evaluation.get("outcome").asString()).isEqualTo("sendable");
        assertThat(evaluation.get("noticeRequired").asBoolean()).isTrue();
        assertThat(evaluation.get("fromBorder").get("km").asDouble()).isBetween(7.9, 8.1);
        assertThat(evaluation.get("fromBorder").get("nearestBorderPoint")).hasSize(2);
        assertThat(evaluation.get("brokenRules")).isEmpty();
        assertThat(evaluation.get("stixId").asString()).startsWith("x-concord-operation-notice--");

        // and once delivered it shows at Iran, accepted, on the notices map layer too
        deliver(nodes.pk, "IR");
        JsonNode atIran = eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> r.statusCode() == 200);
        assertThat(atIran.get("direction").asString()).isEqualTo("RECEIVED");
        assertThat(atIran.get("accepted").asBoolean()).isTrue();
        assertThat(atIran.get("notice").get("notifyingParty").asString()).isEqualTo("PK");
        assertThat(atIran.get("evaluation").get("noticeRequired").asBoolean()).isTrue();
        // both sides hold the default rules for the pair: the notice names them, and no alarm stands
        assertThat(atIran.get("rules").get(0).asString()).isEqualTo("notification-zone km=50 missileFlightsAlways=true");
        assertThat(atIran.get("alarms")).isEmpty();
        JsonNode layer = json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/map/notices"));
        assertThat(layer.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(layer.get("features")).anySatisfy(f -> {
            assertThat(f.get("properties").get("id").asString()).isEqualTo(id);
            assertThat(f.get("geometry").get("type").asString()).isEqualTo("Polygon");
        });
    }

    @Test
    void the_taftan_mirjaveh_crossing_declared_by_iran_conflicts_with_a_pakistani_notice_around_it_on_both_sides()
            throws Exception {
        // given Iran declares the crossing protected (3 km round the crossing point) and Pakistan has received it
        String sites = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\",\"marking\":\"green\"},"
                + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "}]}";
        HttpResponse<String> declared = post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Taftan-Mirjaveh crossing"));

        // when Pakistan notifies a patrol 4 km round Taftan
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4);
        String id = patrol.get("id").asString();
        HttpResponse<String> response = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());

        // then Pakistan's evaluation flags the crossing with the overlap
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode conflicts = json(response).get("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get("kind").asString()).isEqualTo("protected-site");
        assertThat(conflicts.get(0).get("site").asString()).isEqualTo("Taftan-Mirjaveh crossing");
        assertThat(conflicts.get(0).get("party").asString()).isEqualTo("IR");
        assertThat(conflicts.get(0).get("overlap").get("type").asString()).isEqualTo("Polygon");
        JsonNode atPakistan = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id));
        assertThat(atPakistan.get("conflicts")).singleElement()
                .satisfies(c -> assertThat(c.get("with").asString()).isEqualTo("Taftan-Mirjaveh crossing"));

        // and Iran, on receiving the notice, flags the same conflict against its own site
        deliver(nodes.pk, "IR");
        JsonNode atIran = eventually(nodes.ir, "/api/deconfliction/notices/" + id,
                r -> r.statusCode() == 200 && !json(r).get("conflicts").isEmpty());
        JsonNode flagged = atIran.get("conflicts").get(0);
        assertThat(flagged.get("kind").asString()).isEqualTo("protected-site");
        assertThat(flagged.get("with").asString()).isEqualTo("Taftan-Mirjaveh crossing");
        assertThat(flagged.get("detail").asString()).isEqualTo("CROSSING_POINT");
        assertThat(flagged.get("overlap").get("type").asString()).isEqualTo("Polygon");
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/conflicts")))
                .anySatisfy(c -> assertThat(c.get("notice").asString()).isEqualTo(id));
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/map/conflicts")).get("features"))
                .anySatisfy(f -> assertThat(f.get("properties").get("notice").asString()).isEqualTo(id));
    }

    @Test
    void two_exercises_overlapping_at_sea_in_the_gulf_of_oman_are_flagged_on_both_sides_with_the_shared_time()
            throws Exception {
        // given Pakistan has notified an exercise 15 km round a point at sea, and Iran has received it
        ObjectNode pakistans = aNoticeBody("IR", OperationType.EXERCISE, new Position(24.70, 62.00), 15);
        String pkId = pakistans.get("id").asString();
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", pakistans.toString()).statusCode()).isEqualTo(201);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + pkId, r -> r.statusCode() == 200);

        // when Iran notifies its own exercise 15 km round a point about 22 km west
        ObjectNode irans = aNoticeBody("PK", OperationType.EXERCISE, new Position(24.62, 61.80), 15);
        String irId = irans.get("id").asString();
        HttpResponse<String> response = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", irans.toString());

        // then Iran's evaluation flags Pakistan's exercise, with the overlap and the shared time
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode conflict = json(response).get("conflicts").get(0);
        assertThat(conflict.get("kind").asString()).isEqualTo("operation");
        assertThat(conflict.get("notice").asString()).isEqualTo(pkId);
        assertThat(conflict.get("party").asString()).isEqualTo("PK");
        assertThat(conflict.get("during").get("start").asString()).isNotBlank();
        assertThat(conflict.get("overlap").get("type").asString()).isEqualTo("Polygon");

        // and Pakistan, on receiving Iran's notice, flags its own exercise against it
        deliver(nodes.ir, "PK");
        JsonNode atPakistan = eventually(nodes.pk, "/api/deconfliction/notices/" + irId,
                r -> r.statusCode() == 200 && !json(r).get("conflicts").isEmpty());
        assertThat(atPakistan.get("conflicts").get(0).get("kind").asString()).isEqualTo("operation");
        assertThat(atPakistan.get("conflicts").get(0).get("with").asString()).isEqualTo(pkId);
        assertThat(atPakistan.get("conflicts").get(0).get("during")).isNotNull();
    }
}
