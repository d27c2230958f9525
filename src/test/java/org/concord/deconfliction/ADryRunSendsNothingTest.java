package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.Fixtures.TAFTAN_MIRJAVEH_CROSSING;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.exchange.Outbox;
import org.concord.ledger.Ledger;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.ClockedNodes;
import org.concord.testing.Eventually;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A liaison officer previews a notice before sending it: {@code POST /api/deconfliction/notices?dryRun=true}
 * answers the evaluation a real send of the same body gives (sovereignty, the 2005 rules, distance to the
 * border, each broken rule, conflicts with protected sites) and sends, stores and records nothing. Two nodes
 * over HTTPS on PostgreSQL, on one clock that stands still, so that the two evaluations can be compared whole.
 */
class ADryRunSendsNothingTest {

    ClockedNodes nodes;

    @BeforeEach
    void start() {
        nodes = new ClockedNodes();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void a_late_patrol_round_the_crossing_is_evaluated_without_reaching_iran_and_then_sent_with_the_same_evaluation()
            throws Exception {
        // given Iran's Taftan-Mirjaveh crossing is declared protected and known to Pakistan
        String sites = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\",\"marking\":\"green\"},"
                + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "}]}";
        assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites).statusCode()).isEqualTo(201);
        deliver(nodes.ir, "PK");
        eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Taftan-Mirjaveh crossing"));

        // and a patrol round Taftan that starts in 24 hours, where the rules ask 72
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4);
        Instant start = nodes.clock.instant().plus(Duration.ofHours(24));
        patrol.putObject("window").put("start", start.toString()).put("end", start.plus(Duration.ofHours(12)).toString());
        String id = patrol.get("id").asString();
        long ledgerBefore = nodes.pk.bean(Ledger.class).size();

        // when Pakistan's liaison asks for a dry run
        HttpResponse<String> dry = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", patrol.toString());

        // then the evaluation is answered: sendable, the broken rule, the conflict with the crossing
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode preview = json(dry);
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("outcome").asString()).isEqualTo("sendable");
        assertThat(preview.get("noticeRequired").asBoolean()).isTrue();
        assertThat(preview.get("fromBorder").get("km").asDouble()).isLessThan(1.0);
        assertThat(preview.get("brokenRules")).extracting(r -> r.get("rule").asString()).containsExactly("minimum-notice");
        assertThat(preview.get("conflicts")).singleElement()
                .satisfies(c -> assertThat(c.get("site").asString()).isEqualTo("Taftan-Mirjaveh crossing"));
        assertThat(preview.has("stixId")).isFalse();

        // and nothing is stored, queued, recorded in the ledger or flagged, and nothing reaches Iran
        assertThat(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + id).statusCode()).isEqualTo(404);
        assertThat(json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/conflicts"))).isEmpty();
        assertThat(nodes.pk.bean(Outbox.class).pending(PartyCode.of("IR"))).isEmpty();
        deliver(nodes.pk, "IR");
        assertThat(nodes.pk.bean(Ledger.class).size()).isEqualTo(ledgerBefore);
        Eventually.stays("nothing of the dry run reaches Iran", Duration.ofMillis(500),
                () -> get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices/" + id).statusCode() == 404);
        assertThat(json(get(nodes.ir, Role.VIEWER, "/api/deconfliction/notices"))).isEmpty();

        // when the same body is sent for real, at the same moment
        HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", patrol.toString());

        // then its evaluation is the dry run's, and it goes
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        ObjectNode real = (ObjectNode) json(sent);
        assertThat(real.remove("stixId")).isNotNull();
        ObjectNode previewed = ((ObjectNode) preview).deepCopy();
        previewed.remove("dryRun");
        assertThat(real).isEqualTo(previewed);
        deliver(nodes.pk, "IR");
        eventually(nodes.ir, "/api/deconfliction/notices/" + id, r -> r.statusCode() == 200);
    }

    @Test
    void a_strike_in_the_partners_territory_is_previewed_as_refused_with_the_offers_as_sending_would_refuse_it()
            throws Exception {
        ObjectNode strike = aNoticeBody("PK", OperationType.AIR_STRIKE, PANJGUR, 5);
        String id = strike.get("id").asString();

        HttpResponse<String> dry = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", strike.toString());
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode preview = json(dry);
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("outcome").asString()).isEqualTo("refused");
        assertThat(preview.get("violation").get("offers")).extracting(o -> o.get("kind").asString())
                .containsExactly("REQUEST_FOR_ACTION", "JOINT_OPERATION_PROPOSAL");

        HttpResponse<String> sent = post(nodes.ir, Role.LIAISON, "/api/deconfliction/notices", strike.toString());
        assertThat(sent.statusCode()).isEqualTo(422);
        JsonNode refused = json(sent);
        assertThat(refused.get("outcome")).isEqualTo(preview.get("outcome"));
        assertThat(refused.get("violation")).isEqualTo(preview.get("violation"));
        assertThat(refused.get("fromBorder")).isEqualTo(preview.get("fromBorder"));

        for (TestNode node : new TestNode[] {nodes.ir, nodes.pk}) {
            assertThat(get(node, Role.VIEWER, "/api/deconfliction/notices/" + id).statusCode()).isEqualTo(404);
        }
        assertThat(nodes.ir.bean(Outbox.class).pending(PartyCode.of("PK"))).isEmpty();
    }

    @Test
    void a_dry_run_checks_the_input_as_sending_does() throws Exception {
        ObjectNode patrol = aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4);
        patrol.remove("contact");
        HttpResponse<String> bad = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", patrol.toString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asString()).isEqualTo("contact");

        ObjectNode sent = aNoticeBody("IR", OperationType.BORDER_PATROL, Fixtures.kmFromTheBorderTowards(PANJGUR, 10), 2);
        assertThat(post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices", sent.toString()).statusCode()).isEqualTo(201);
        HttpResponse<String> again = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices?dryRun=true", sent.toString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("field").asString()).isEqualTo("id");
        assertThat(json(again).get("detail").asString()).contains("already-exists").contains("/revise");
    }
}
