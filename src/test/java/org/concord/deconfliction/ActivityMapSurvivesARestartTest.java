package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.TAFTAN;
import static org.concord.deconfliction.Fixtures.TAFTAN_MIRJAVEH_CROSSING;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.util.Map;

import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.party.Role;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

/** The activity map lives in memory; a node rebuilds it from its tables at start, so a restart forgets nothing. */
class ActivityMapSurvivesARestartTest {

    @Test
    void after_a_restart_pakistan_still_holds_its_notice_and_irans_site_and_still_flags_the_crossing() throws Exception {
        TwoNodes nodes = TwoNodes.startPaired();
        TestNode pk = nodes.pk;
        try {
            // given Iran's crossing has reached Pakistan, and Pakistan has sent a patrol
            String sites = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                    + "\"properties\":{\"name\":\"Taftan-Mirjaveh crossing\",\"kind\":\"crossing-point\",\"marking\":\"green\"},"
                    + "\"geometry\":" + GeoJson.write(GeodesicShapes.circle(TAFTAN_MIRJAVEH_CROSSING, 3)) + "}]}";
            assertThat(post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", sites).statusCode()).isEqualTo(201);
            deliver(nodes.ir, "PK");
            eventually(pk, "/api/deconfliction/map/sites", r -> r.body().contains("Taftan-Mirjaveh crossing"));
            HttpResponse<String> first = post(pk, Role.LIAISON, "/api/deconfliction/notices",
                    aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4).toString());
            String firstId = json(first).get("notice").asString();

            // when Pakistan's node restarts on the same keys and database
            pk.close();
            pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, pk.dataDir(), pk.schema(),
                    Map.of("server.port", pk.port()));

            // then its activity map holds the notice and the site again, and a new patrol is flagged
            ActivityMap activity = pk.bean(ActivityMap.class);
            assertThat(activity.notice(NoticeId.of(firstId))).isPresent();
            assertThat(activity.sites()).extracting(ProtectedSite::name).containsExactly("Taftan-Mirjaveh crossing");
            HttpResponse<String> second = post(pk, Role.LIAISON, "/api/deconfliction/notices",
                    aNoticeBody("IR", OperationType.BORDER_PATROL, TAFTAN, 4).toString());
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(json(second).get("conflicts")).singleElement()
                    .satisfies(c -> assertThat(c.get("site").asString()).isEqualTo("Taftan-Mirjaveh crossing"));
        } finally {
            pk.close();
            nodes.ir.close();
            Postgres.dropSchema(pk.schema());
            Postgres.dropSchema(nodes.ir.schema());
        }
    }
}
