package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.Fixtures.PANJGUR;
import static org.concord.deconfliction.Fixtures.SARAVAN;
import static org.concord.deconfliction.OverHttps.*;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.concord.audit.AuditLog;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.GeodesicShapes;
import org.concord.deconfliction.geo.Position;
import org.concord.intel.SharingInForce;
import org.concord.intel.SharingSettings;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Issue 14: a protected site is shared under its marking like any other object. Iran declares
 * three sites on the border between Saravan and Panjgur: a crossing under TLP:RED, a camp with no
 * marking (TLP:AMBER, the default) and a market under TLP:GREEN. Pakistan, which Iran's sharing
 * settings let read neither RED nor (at first) AMBER, receives only the market; Iran still checks
 * Pakistan's patrol against all three at home; and when Iran's administrator lets Pakistan read
 * AMBER at run time, the camp is sent then, the crossing never. Two real nodes over HTTPS.
 */
class ProtectedSitesAreSharedUnderTheirMarkingTest {

    static TwoNodes nodes;
    /** Where the line from Saravan to Panjgur crosses the border; no other test declares anything here. */
    static Position border;

    @BeforeAll
    static void start() {
        nodes = TwoNodes.shared();
        Boundaries boundaries = Boundaries.load();
        Position in = SARAVAN;
        Position out = PANJGUR;
        for (int i = 0; i < 40; i++) {
            Position middle = new Position((in.lat() + out.lat()) / 2, (in.lon() + out.lon()) / 2);
            if (boundaries.isIn(CountryCode.of("IR"), middle)) {
                in = middle;
            } else {
                out = middle;
            }
        }
        border = in;
    }

    @Test
    void aSiteGoesOnlyToThePartnersItsMarkingAllowsAndIsCheckedAtHomeAgainstEveryPartnersNotices() throws Exception {
        SharingInForce irSharing = nodes.ir.bean(SharingInForce.class);
        assertThat(irSharing.current().settings().amber()).as("IR's file shares no AMBER with PK").isEmpty();
        try {
            // when Iran declares the three sites
            HttpResponse<String> declared = post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", "{\"type\":\"FeatureCollection\",\"features\":["
                    + site("Marked-red crossing", "crossing-point", "\"red\"") + ","
                    + site("Unmarked camp", "refugee-camp", null) + ","
                    + site("Green border market", "border-market", "\"TLP:GREEN\"") + "]}");

            // then the answer says, site by site, under which marking it went to whom and from whom it was withheld
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
            JsonNode sites = json(declared).get("sites");
            assertThat(sites.get(0).get("marking").asString()).isEqualTo("TLP:RED");
            assertThat(sites.get(0).get("sentTo")).isEmpty();
            assertThat(sites.get(0).get("withheldFrom").toString()).isEqualTo("[\"PK\"]");
            assertThat(sites.get(1).get("marking").asString()).isEqualTo("TLP:AMBER");
            assertThat(sites.get(1).get("withheldFrom").toString()).isEqualTo("[\"PK\"]");
            assertThat(sites.get(2).get("marking").asString()).isEqualTo("TLP:GREEN");
            assertThat(sites.get(2).get("sentTo").toString()).isEqualTo("[\"PK\"]");

            // and Pakistan holds the market only
            deliver(nodes.ir, "PK");
            String atPakistan = eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Green border market")).toString();
            assertThat(atPakistan).doesNotContain("Marked-red crossing").doesNotContain("Unmarked camp");

            // when Pakistan notifies a patrol reaching the three sites from its side
            Position patrol = intoPakistan(6);
            HttpResponse<String> sent = post(nodes.pk, Role.LIAISON, "/api/deconfliction/notices",
                    aNoticeBody("IR", OperationType.BORDER_PATROL, patrol, 4).toString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            String notice = json(sent).get("notice").asString();

            // then Pakistan flags the market it knows of, and Iran, at home, all three
            String pakistanSees = json(get(nodes.pk, Role.VIEWER, "/api/deconfliction/notices/" + notice)).get("conflicts").toString();
            assertThat(pakistanSees).contains("Green border market").doesNotContain("Marked-red crossing").doesNotContain("Unmarked camp");
            deliver(nodes.pk, "IR");
            JsonNode iranSees = eventually(nodes.ir, "/api/deconfliction/conflicts", r -> r.body().contains(notice)
                    && r.body().contains("Marked-red crossing") && r.body().contains("Unmarked camp")
                    && r.body().contains("Green border market"));
            assertThat(iranSees.toString()).contains(notice);

            // and Iran cannot answer the conflict with its red crossing through Concord (Pakistan would not know what it names): a 409 says what to do
            String redConflict = null;
            for (JsonNode c : iranSees) {
                if (c.toString().contains("Marked-red crossing") && c.toString().contains(notice)) {
                    redConflict = c.get("id").asString();
                }
            }
            assertThat(redConflict).isNotNull();
            HttpResponse<String> answer = post(nodes.ir, Role.LIAISON, "/api/deconfliction/conflicts/" + redConflict + "/answer",
                    "{\"answer\":\"OBJECT\",\"reason\":\"a site we keep to ourselves\"}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            assertThat(answer.body()).contains("site-withheld").contains("hotline");

            // when Iran's administrator lets Pakistan read AMBER, at run time
            irSharing.change(SharingInForce.json(new SharingSettings(List.of("PK"), List.of(), Map.of(), Map.of())),
                    "user:" + nodes.ir.username(Role.ADMIN));

            // then the camp is sent to Pakistan, and the red crossing still never leaves Iran
            org.concord.testing.Eventually.value("IR queues the camp for PK", java.time.Duration.ofSeconds(30),
                    java.time.Duration.ofMillis(200), () -> nodes.ir.bean(AuditLog.class).recent(20),
                    recent -> recent.stream().anyMatch(e -> e.action().equals("deconfliction.site-shared") && e.detail().contains("Unmarked camp")));
            deliver(nodes.ir, "PK");
            String afterwards = eventually(nodes.pk, "/api/deconfliction/map/sites", r -> r.body().contains("Unmarked camp")).toString();
            assertThat(afterwards).doesNotContain("Marked-red crossing");
            assertThat(nodes.ir.bean(AuditLog.class).recent(20)).noneSatisfy(e -> {
                assertThat(e.action()).isEqualTo("deconfliction.site-shared");
                assertThat(e.detail()).contains("Marked-red crossing");
            });
        } finally {
            irSharing.returnToConfiguration("test");
        }
    }

    @Test
    void aMarkingThatIsNoTlpLevelIsRefusedNamingTheFieldAndNothingIsDeclared() throws Exception {
        HttpResponse<String> refused = post(nodes.ir, Role.LIAISON, "/api/deconfliction/sites", "{\"type\":\"FeatureCollection\",\"features\":["
                + site("Never declared market", "border-market", "\"green\"") + ","
                + site("Purple site", "village", "\"purple\"") + "]}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("features[1].properties.marking").contains("tlp");
        assertThat(get(nodes.ir, Role.VIEWER, "/api/deconfliction/map/sites").body()).doesNotContain("Never declared market");
    }

    private static String site(String name, String kind, String marking) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\""
                + (marking == null ? "" : ",\"marking\":" + marking) + "},\"geometry\":"
                + GeoJson.write(GeodesicShapes.circle(border, 3)) + "}";
    }

    /** The point {@code km} from the border towards Panjgur. */
    private static Position intoPakistan(double km) {
        double dLat = PANJGUR.lat() - border.lat();
        double dLon = (PANJGUR.lon() - border.lon()) * Math.cos(Math.toRadians(border.lat()));
        double length = Math.hypot(dLat, dLon);
        double degrees = km / 111.2;
        return new Position(border.lat() + dLat / length * degrees,
                border.lon() + dLon / length * degrees / Math.cos(Math.toRadians(border.lat())));
    }
}
