package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.kmFromTheBorderTowards;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

/**
 * Who may call each deconfliction endpoint: nobody unauthenticated (401), no partner node (403;
 * its notices come through the inbox), every user role reads, only a liaison sends and declares.
 */
class DeconflictionRolesTest {

    private final TwoNodes nodes = TwoNodes.shared();

    private static final List<String> READS = List.of("/api/deconfliction/notices", "/api/deconfliction/conflicts",
            "/api/deconfliction/map/boundaries", "/api/deconfliction/map/provinces", "/api/deconfliction/map/border",
            "/api/deconfliction/map/border-zone", "/api/deconfliction/map/notices", "/api/deconfliction/map/sites",
            "/api/deconfliction/map/conflicts", "/api/deconfliction/events", "/api/deconfliction/map/events");

    private static final String SITE = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"name\":\"Roles test village\",\"kind\":\"village\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[64.094,26.9642]}}]}";

    private String anEvent() {
        return anEventBody("IR", kmFromTheBorderTowards(PANJGUR, 40), kmFromTheBorderTowards(PANJGUR, 20)).toString();
    }

    private String aPatrol() {
        return aNoticeBody("IR", OperationType.BORDER_PATROL, kmFromTheBorderTowards(PANJGUR, 30), 2).toString();
    }

    @Test
    void nobody_unauthenticated_reaches_any_endpoint() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : READS) {
            soft.assertThat(Https.to(nodes.pk).get(path).statusCode()).as(path).isEqualTo(401);
        }
        soft.assertThat(Https.to(nodes.pk).send("POST", "/api/deconfliction/notices", aPatrol(),
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).send("POST", "/api/deconfliction/sites", SITE,
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).send("POST", "/api/deconfliction/events", anEvent(),
                "Content-Type", "application/json").statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).get("/api/deconfliction/notices/x").statusCode()).isEqualTo(401);
        soft.assertThat(Https.to(nodes.pk).get("/api/deconfliction/events/x").statusCode()).isEqualTo(401);
        soft.assertAll();
    }

    @Test
    void a_partner_node_reaches_no_endpoint() throws Exception {
        Https iranAsPartner = Https.asPartner(nodes.ir, nodes.pk);
        SoftAssertions soft = new SoftAssertions();
        for (String path : READS) {
            soft.assertThat(iranAsPartner.get(path).statusCode()).as(path).isEqualTo(403);
        }
        soft.assertThat(iranAsPartner.send("POST", "/api/deconfliction/notices", aPatrol(),
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.send("POST", "/api/deconfliction/sites", SITE,
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.send("POST", "/api/deconfliction/events", anEvent(),
                "Content-Type", "application/json").statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.get("/api/deconfliction/notices/x").statusCode()).isEqualTo(403);
        soft.assertThat(iranAsPartner.get("/api/deconfliction/events/x").statusCode()).isEqualTo(403);
        soft.assertAll();
    }

    @Test
    void every_user_role_reads_every_layer_and_notice() throws Exception {
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", aPatrol());
        String one = "/api/deconfliction/notices/" + json(sent).get("notice").asString();
        String event = "/api/deconfliction/events/" + json(post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", anEvent()))
                .get("event").asString();
        SoftAssertions soft = new SoftAssertions();
        for (Role role : Role.values()) {
            for (String path : READS) {
                HttpResponse<String> r = get(nodes.pk, role, path);
                soft.assertThat(r.statusCode()).as(role + " " + path).isEqualTo(200);
            }
            soft.assertThat(get(nodes.pk, role, one).statusCode()).as(role + " " + one).isEqualTo(200);
            soft.assertThat(get(nodes.pk, role, event).statusCode()).as(role + " " + event).isEqualTo(200);
        }
        soft.assertAll();
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/boundaries")).get("features"))
                .extracting(f -> f.get("properties").get("code").asString()).containsExactly("PK", "IR");
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/provinces")).get("features"))
                .anySatisfy(f -> assertThat(f.get("properties").get("code").asString()).isEqualTo("PK-BA"))
                .anySatisfy(f -> assertThat(f.get("properties").get("code").asString()).isEqualTo("IR-13"));
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/border")).get("features").get(0)
                .get("geometry").get("type").asString()).endsWith("LineString");
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/map/border-zone")).get("features").get(0)
                .get("properties").get("km").asDouble()).isEqualTo(50);
    }

    @Test
    void a_viewer_an_analyst_and_an_admin_cannot_send_notices_declare_sites_or_report_events_and_a_liaison_can() throws Exception {
        for (Role role : List.of(Role.VIEWER, Role.ANALYST, Role.ADMIN)) {
            assertThat(post(nodes.pk, role, "/api/deconfliction/notices", aPatrol()).statusCode()).as(role.name()).isEqualTo(403);
            assertThat(post(nodes.pk, role, "/api/deconfliction/sites", SITE).statusCode()).as(role.name()).isEqualTo(403);
            assertThat(post(nodes.pk, role, "/api/deconfliction/events", anEvent()).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", aPatrol()).statusCode()).isEqualTo(201);
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/sites", SITE).statusCode()).isEqualTo(201);
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/events", anEvent()).statusCode()).isEqualTo(201);
    }
}
