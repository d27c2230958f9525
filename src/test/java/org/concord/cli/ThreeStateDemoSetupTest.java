package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.concord.demo.ChamanExercise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code concord demo --parties PK,IR,AF}, as a third state's ministry would start it: three nodes
 * in a full mesh (six pairings), every node in nodes.json, and the Chaman exercise seeded into PK
 * and AF (the patrol notice and the request queued for AF, the crossing queued for PK and IR),
 * while the January 2024 case stays between PK and IR. A second run changes nothing; a wrong
 * {@code --parties} is refused naming the option.
 */
class ThreeStateDemoSetupTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void threeStatesArePairedInAFullMeshAndTheChamanExerciseIsSeededBetweenPakistanAndAfghanistan() throws Exception {
        Path demo = dir.resolve("demo");
        ConcordCommandTest.Run first = ConcordCommandTest.run("demo", "--dir", demo.toString(), "--setup-only",
                "--parties", "PK,IR,AF", "--base-port", "18541");
        assertThat(first.code()).as(first.err()).isZero();

        JsonNode nodes = JSON.readTree(Files.readString(demo.resolve("nodes.json"))).path("nodes");
        assertThat(nodes.size()).isEqualTo(3);
        assertThat(List.of(nodes.get(0).path("party").asString(), nodes.get(1).path("party").asString(),
                nodes.get(2).path("party").asString())).containsExactly("PK", "IR", "AF");
        assertThat(nodes.get(2).path("url").asString()).isEqualTo("https://localhost:18543");
        assertThat(nodes.get(2).path("users").size()).isEqualTo(4);
        assertThat(nodes.get(2).path("users").get(0).path("username").asString()).startsWith("af-");

        for (JsonNode node : nodes) {
            String listed = ConcordCommandTest.run("partners", "list", "--config", node.path("config").asString()).out();
            for (JsonNode other : nodes) {
                if (!other.equals(node)) {
                    assertThat(listed).as(node.path("party").asString() + "'s partners").contains(other.path("party").asString() + " ");
                }
            }
        }

        Map<String, List<String>> pkQueued = queued(demo, "pk");
        assertThat(pkQueued.get("AF")).as("PK's messages to AF")
                .anySatisfy(o -> assertThat(o).contains("x-concord-operation-notice").contains(ChamanExercise.NOTICE_ID))
                .anySatisfy(o -> assertThat(o).contains(ChamanExercise.REQUEST.value()).contains("Exercise"))
                .noneSatisfy(o -> assertThat(o).contains("Panjgur"));
        assertThat(pkQueued.get("IR")).as("PK's messages to IR").anySatisfy(o -> assertThat(o).contains("Panjgur"))
                .noneSatisfy(o -> assertThat(o).contains(ChamanExercise.NOTICE_ID));
        Map<String, List<String>> afQueued = queued(demo, "af");
        assertThat(afQueued.get("PK")).as("AF's messages to PK")
                .anySatisfy(o -> assertThat(o).contains("x-concord-protected-site").contains("Friendship Gate"));
        assertThat(afQueued.keySet()).as("AF sends nothing of January 2024").allSatisfy(partner ->
                assertThat(afQueued.get(partner)).noneSatisfy(o -> assertThat(o).contains("Panjgur")));
        int pkMessages = pkQueued.values().stream().mapToInt(List::size).sum();

        ConcordCommandTest.Run second = ConcordCommandTest.run("demo", "--dir", demo.toString(), "--setup-only",
                "--parties", "PK,IR,AF", "--base-port", "18541");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(queued(demo, "pk").values().stream().mapToInt(List::size).sum()).as("seeding again queues nothing new")
                .isEqualTo(pkMessages);
    }

    @Test
    void anUnknownOrRepeatedStateIsRefusedNamingTheOption() {
        ConcordCommandTest.Run unknown = ConcordCommandTest.run("demo", "--dir", dir.resolve("x").toString(), "--setup-only",
                "--parties", "PK,XX");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("--parties").contains("XX").contains("PK, IR and AF");
        ConcordCommandTest.Run twice = ConcordCommandTest.run("demo", "--dir", dir.resolve("y").toString(), "--setup-only",
                "--parties", "PK,PK");
        assertThat(twice.code()).isNotZero();
        assertThat(twice.err()).contains("--parties").contains("twice");
        ConcordCommandTest.Run alone = ConcordCommandTest.run("demo", "--dir", dir.resolve("z").toString(), "--setup-only",
                "--parties", "AF");
        assertThat(alone.code()).isNotZero();
        assertThat(alone.err()).contains("--parties").contains("two states");
    }

    /** What the node in {@code demo/slug} has queued in its outbox, by partner. */
    private static Map<String, List<String>> queued(Path demo, String slug) throws Exception {
        try (var context = NodeContexts.offline(ConfigFile.read(demo.resolve(slug + "/concord.yml")))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Map<String, List<String>> byPartner = new java.util.TreeMap<>();
            jdbc.query("select partner, object from exchange_outbox order by seq", row -> {
                byPartner.computeIfAbsent(row.getString(1), p -> new java.util.ArrayList<>()).add(row.getString(2));
            });
            return byPartner;
        }
    }
}
