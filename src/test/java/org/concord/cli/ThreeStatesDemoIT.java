package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.concord.demo.ChamanExercise;
import org.concord.intel.stix.DerivedIds;
import org.concord.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Issue 14's three-node test, from the packaged jar: {@code concord demo --parties PK,IR,AF} as a
 * third state's ministry would run it, every call made with curl and the files in nodes.json.
 *
 * <ul>
 *   <li>nodes.json lists all three, and each node recognises both others as partners;</li>
 *   <li>PK's strike notice near Saravan addressed to AF is refused, naming Iran;</li>
 *   <li>a request from PK to AF citing PK's own TLP:RED object, or an object that came from IR under
 *       TLP:AMBER, is refused naming the reference, and nothing is opened;</li>
 *   <li>PK's administrator then passes IR's objects on to AF ({@code re-share}) at run time, and the
 *       request citing IR's object goes out, without a restart;</li>
 *   <li>the Chaman exercise arrives: AF holds PK's patrol notice and flags its overlap with AF's
 *       crossing, and holds PK's request.</li>
 * </ul>
 */
class ThreeStatesDemoIT {

    @TempDir
    Path dir;

    @Test
    void threeStatesRunTheirOwnNodesAndEachIsProtectedFromWhatTheOthersMaySend() throws Exception {
        try (RunningDemo demo = RunningDemo.start(dir.resolve("demo"), 3, "--parties", "PK,IR,AF")) {
            JsonNode pk = demo.node("PK");
            JsonNode ir = demo.node("IR");
            JsonNode af = demo.node("AF");
            assertThat(demo.nodes().size()).isEqualTo(3);
            assertThat(demo.output()).contains("Exercise");
            for (JsonNode node : new JsonNode[] {pk, ir, af}) {
                String partners = RunningDemo.curl(RunningDemo.as(node, "ADMIN"), node.path("url").asString() + "/api/partners");
                for (JsonNode other : new JsonNode[] {pk, ir, af}) {
                    if (other != node) {
                        assertThat(partners).as(node.path("party").asString() + "'s partners")
                                .contains("\"" + other.path("party").asString() + "\"");
                    }
                }
            }
            String[] pkLiaison = RunningDemo.as(pk, "LIAISON");
            String pkUrl = pk.path("url").asString();

            // The January 2024 strike, let through before: a notice near Saravan addressed to AF lies in Iran.
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(4));
            RunningDemo.Answer saravan = RunningDemo.post(pkLiaison, pkUrl + "/api/deconfliction/notices", """
                    {"id":"it-saravan-strike","partner":"AF","type":"AIR_STRIKE",
                     "area":{"centre":{"type":"Point","coordinates":[62.3342,27.3708]},"radiusKm":2},
                     "window":{"start":"%s","end":"%s"},"airspaceReferences":[{"kind":"NOTAM","id":"A0118/26"}],
                     "contact":{"name":"Duty officer","channel":"hotline"},"classification":"AMBER"}"""
                    .formatted(start, start.plus(Duration.ofHours(2))));
            assertThat(saravan.status()).as(saravan.body()).isEqualTo(422);
            assertThat(saravan.body()).contains("Iran").contains("\"partner\":\"IR\"");
            assertThat(RunningDemo.call(pkLiaison, pkUrl + "/api/deconfliction/notices/it-saravan-strike").status())
                    .as("nothing sent").isEqualTo(404);

            // Requests citing what the addressee may not read: PK's own TLP:RED, and IR's TLP:AMBER (PK does not re-share).
            String pkIdentity = identity(dir.resolve("demo/pk"));
            String irIdentity = identity(dir.resolve("demo/ir"));
            String pkRed = DerivedIds.id("intrusion-set", "concord-demo:" + pkIdentity + ":turbat-cell");
            String irAmber = DerivedIds.id("relationship", "concord-demo:" + irIdentity + ":jaa-panjgur");
            Eventually.value("PK holds IR's AMBER relationship", Duration.ofSeconds(90), Duration.ofSeconds(1),
                    () -> RunningDemo.call(pkLiaison, pkUrl + "/api/intel/objects/" + irAmber).status(), status -> status == 200);
            for (String unreadable : new String[] {pkRed, irAmber}) {
                RunningDemo.Answer request = RunningDemo.post(pkLiaison, pkUrl + "/api/requests", """
                        {"addressee":"AF","targets":["%s"],"action":{"kind":"SURVEIL","detail":"watch it"},
                         "urgency":"ROUTINE","text":"a request AF could not read","tlp":"AMBER"}""".formatted(unreadable));
                assertThat(request.status()).as(request.body()).isEqualTo(422);
                assertThat(request.body()).contains(unreadable);
            }
            assertThat(RunningDemo.curl(pkLiaison, pkUrl + "/api/requests")).doesNotContain("a request AF could not read");

            // PK's administrator passes IR's intelligence on to AF at run time: no restart, and the same request now goes out
            String[] pkAdmin = RunningDemo.as(pk, "ADMIN");
            RunningDemo.Answer reShare = RunningDemo.put(pkAdmin, pkUrl + "/api/intel/sharing", """
                    {"amber":["IR","AF"],"unmarked":[],"reShare":{"IR":["AF"]},"acceptRelayed":{}}""");
            assertThat(reShare.status()).as(reShare.body()).isEqualTo(200);
            assertThat(reShare.body()).contains("\"source\":\"set-at-run-time\"");
            RunningDemo.Answer relayed = RunningDemo.post(pkLiaison, pkUrl + "/api/requests", """
                    {"addressee":"AF","targets":["%s"],"action":{"kind":"SURVEIL","detail":"watch it"},
                     "urgency":"ROUTINE","text":"a request citing what PK now passes on","tlp":"AMBER"}""".formatted(irAmber));
            assertThat(relayed.status()).as(relayed.body()).isEqualTo(201);

            // PK's administrator proposes notice rules to AF at run time: signed by PK only, an alarm on both sides until AF signs.
            RunningDemo.Answer proposed = RunningDemo.post(pkAdmin, pkUrl + "/api/deconfliction/agreements", """
                    {"partner":"AF","rules":{"notificationZoneKm":40}}""");
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
            assertThat(proposed.body()).contains("\"state\":\"AWAITING_THEIR_SIGNATURE\"").contains("notification-zone km=40");
            assertThat(RunningDemo.curl(RunningDemo.as(pk, "VIEWER"), pkUrl + "/api/deconfliction/alarms"))
                    .contains("\"reason\":\"SIGNED_BY_ONE_SIDE\"").contains("signed by this side only");
            String[] afViewerEarly = RunningDemo.as(af, "VIEWER");
            Eventually.value("AF's alarm: an agreement signed by PK only", Duration.ofSeconds(60), Duration.ofSeconds(1),
                    () -> RunningDemo.curl(afViewerEarly, af.path("url").asString() + "/api/deconfliction/alarms"),
                    body -> body.contains("\"reason\":\"SIGNED_BY_ONE_SIDE\"") && body.contains("PK proposed and signed agreement 1"));
            assertThat(RunningDemo.curl(afViewerEarly, af.path("url").asString() + "/api/deconfliction/agreements?partner=PK"))
                    .contains("\"basis\":\"configured\"").contains("\"state\":\"AWAITING_OUR_SIGNATURE\"");

            // A patrol near the Iran-Afghanistan-Pakistan tripoint, addressed to IR, lies in AF's notice zone too: one notice
            // goes to both, and each evaluates it for its own pair, measured to its own border.
            RunningDemo.Answer tripoint = RunningDemo.post(pkLiaison, pkUrl + "/api/deconfliction/notices", """
                    {"id":"it-tripoint-patrol","partner":"IR","type":"BORDER_PATROL",
                     "area":{"centre":{"type":"Point","coordinates":[TRIPOINT_PATROL]},"radiusKm":3},
                     "window":{"start":"%s","end":"%s"},
                     "contact":{"name":"Duty officer","channel":"hotline"},"classification":"GREEN"}"""
                    .replace("TRIPOINT_PATROL", TRIPOINT_PATROL).formatted(start, start.plus(Duration.ofHours(6))));
            assertThat(tripoint.status()).as(tripoint.body()).isEqualTo(201);
            JsonNode sentTo = RunningDemo.JSON.readTree(tripoint.body()).path("addressees");
            assertThat(sentTo.findValuesAsString("partner")).containsExactly("IR", "AF");
            for (JsonNode addressee : sentTo) {
                assertThat(addressee.path("noticeRequired").asBoolean()).as(addressee.toString()).isTrue();
            }
            for (JsonNode node : new JsonNode[] {ir, af}) {
                String code = node.path("party").asString();
                String held = Eventually.value(code + " holds the tripoint patrol", Duration.ofSeconds(60), Duration.ofSeconds(1),
                        () -> RunningDemo.call(RunningDemo.as(node, "VIEWER"), node.path("url").asString()
                                + "/api/deconfliction/notices/it-tripoint-patrol"), answer -> answer.status() == 200).body();
                JsonNode atNode = RunningDemo.JSON.readTree(held);
                assertThat(atNode.at("/notice/partner").asString()).as(code + " evaluates it for its own pair").isEqualTo(code);
                assertThat(atNode.path("accepted").asBoolean()).isTrue();
                assertThat(atNode.at("/evaluation/noticeRequired").asBoolean()).isTrue();
                assertThat(atNode.path("addressees").toString()).isEqualTo("[\"IR\",\"AF\"]");
            }

            // The Chaman exercise reaches AF: the patrol notice, its overlap with AF's crossing, and PK's request.
            String[] afViewer = RunningDemo.as(af, "VIEWER");
            String afUrl = af.path("url").asString();
            String notice = Eventually.value("AF holds PK's patrol notice", Duration.ofSeconds(120), Duration.ofSeconds(1),
                    () -> RunningDemo.call(afViewer, afUrl + "/api/deconfliction/notices/" + ChamanExercise.NOTICE_ID),
                    answer -> answer.status() == 200).body();
            assertThat(notice).contains("\"notifyingParty\":\"PK\"");
            String conflicts = Eventually.value("AF flags the patrol's overlap with its crossing", Duration.ofSeconds(60),
                    Duration.ofSeconds(1), () -> RunningDemo.curl(afViewer, afUrl + "/api/deconfliction/conflicts"),
                    body -> body.contains(ChamanExercise.NOTICE_ID));
            assertThat(conflicts).contains("Friendship Gate");
            Eventually.value("AF holds PK's request", Duration.ofSeconds(60), Duration.ofSeconds(1),
                    () -> RunningDemo.call(afViewer, afUrl + "/api/requests/" + ChamanExercise.REQUEST.value()),
                    answer -> answer.status() == 200 && answer.body().contains("Exercise"));
        }
    }

    /** A point in Pakistan within 50 km of both its border with Iran (17.5 km) and its border with Afghanistan (24 km), south-east of the tripoint. */
    static final String TRIPOINT_PATROL = "61.55,29.40";

    private static String identity(Path node) throws Exception {
        return RunningDemo.JSON.readTree(Files.readString(node.resolve("keys/identity.json"))).path("id").asString();
    }
}
