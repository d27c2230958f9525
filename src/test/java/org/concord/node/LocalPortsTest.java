package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalPortsTest {

    @Test
    void withoutASliceTheWholeRangeBelowTheEphemeralPortsIsUsed() {
        assertThat(LocalPorts.range(null, 32_768)).containsExactly(20_000, 32_768);
    }

    @Test
    void slicesCutTheRangeIntoPartsThatDoNotOverlap() {
        assertThat(LocalPorts.range("1/2", 32_768)).containsExactly(20_000, 26_384);
        assertThat(LocalPorts.range("2/2", 32_768)).containsExactly(26_384, 32_768);
        assertThat(LocalPorts.range(" 3/3 ", 32_768)).containsExactly(28_512, 32_768);
        assertThat(LocalPorts.range("1/1", 32_768)).containsExactly(20_000, 32_768);
    }

    @Test
    void aSliceThatDoesNotReadKOfNIsRefusedByName() {
        for (String bad : new String[] {"0/2", "3/2", "1/0", "-1/2", "x", "1/2/3", "1-2", "/2"}) {
            assertThatThrownBy(() -> LocalPorts.range(bad, 32_768)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("concord.ports.slice must read k/n")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    /** The build gives each test JVM a slice of its own, so that two never choose the same port (pom.xml). */
    @Test
    void thisTestJvmChoosesItsPortsInItsOwnSlice() {
        String slice = LocalPorts.slice();
        assertThat(slice).as("the system property concord.ports.slice set by the build").matches("[1-9][0-9]*/[1-9][0-9]*");
        int[] range = LocalPorts.range(slice, LocalPorts.ephemeralLow());
        for (int i = 0; i < 20; i++) {
            int first = LocalPorts.freeRun(3);
            assertThat(first).isGreaterThanOrEqualTo(range[0]);
            assertThat(first + 2).isLessThan(range[1]);
        }
    }

    @Test
    void aStartedProcessInheritsTheSlice() throws Exception {
        ProcessBuilder child = LocalPorts.passSliceTo(new ProcessBuilder("printenv", LocalPorts.SLICE_ENVIRONMENT));
        Process process = child.start();
        String printed = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor()).isZero();
        assertThat(printed).isEqualTo(LocalPorts.slice());
    }
}
