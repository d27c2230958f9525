package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code concord bench taxii --node-pid}: the CPU of a node's threads, by their work, from /proc. */
class NodeCpuTest {

    @Test
    void aStatLineGivesTheThreadsNameAndItsUserAndSystemTicksEvenWhenTheNameHoldsSpacesAndBrackets() {
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 51 0 0 0 1300 40 0 0 20 0 31 0 3016 0 0";
        assertThat(NodeCpu.parse(stat)).isEqualTo(Map.entry("C2 CompilerThre", 1340L));
        assertThat(NodeCpu.parse("7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0")).isEqualTo(Map.entry("a) b (c)", 11L));
    }

    @Test
    void threadsAreGroupedByTheWorkTheyDoInANode() {
        assertThat(NodeCpu.group("https-jsse-nio-8441-exec-3")).isEqualTo("requests");
        assertThat(NodeCpu.group("ForkJoinPool-1-worker-2")).isEqualTo("checks");
        assertThat(NodeCpu.group("C1 CompilerThre")).isEqualTo("JIT");
        assertThat(NodeCpu.group("GC Thread#1")).isEqualTo("GC");
        assertThat(NodeCpu.group("G1 Conc#0")).isEqualTo("GC");
        assertThat(NodeCpu.group("H2-serializatio")).isEqualTo("H2 background");
        assertThat(NodeCpu.group("MVStore backgro")).isEqualTo("H2 background");
        assertThat(NodeCpu.group("scheduling-1")).isEqualTo("other");
    }

    @Test
    void ticksSinceAReadingAreByKindAndThreadsThatEndedInBetweenCountAsOther() {
        NodeCpu.Reading before = new NodeCpu.Reading(1000, Map.of("requests", 100L, "JIT", 500L));
        NodeCpu.Reading after = new NodeCpu.Reading(1400, Map.of("requests", 250L, "JIT", 600L, "GC", 30L));
        Map<String, Long> spent = after.since(before);
        assertThat(spent).containsEntry("requests", 150L).containsEntry("JIT", 100L).containsEntry("GC", 30L)
                .containsEntry("checks", 0L).containsEntry("other", 120L);
        assertThat(NodeCpu.perObject(spent, 1000)).startsWith("4000 µs per object: requests 1500, checks 0, JIT 1000, GC 300");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessCanBeRead() throws Exception {
        NodeCpu.Reading reading = NodeCpu.read(ProcessHandle.current().pid());
        assertThat(reading.total()).isPositive();
        assertThat(reading.byGroup()).containsKey("other");
    }
}
