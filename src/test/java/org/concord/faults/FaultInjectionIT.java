package org.concord.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged to a user is lost or duplicated when real processes die, the database
 * restarts and the network between the nodes fails. Two nodes run as separate JVMs from the packaged
 * jar on the throwaway PostgreSQL cluster ({@code .ci/faults-postgres}, port 5499); their liaison
 * officers send every kind of message both ways over HTTPS while faults are injected: kill -9 of
 * the sender or the receiver at a random point of a burst, a partner down for longer than the
 * backoff, the database restarted, and the link between the nodes cut, stalled or losing answers
 * (a TCP proxy). Then every fault is healed, the outboxes drain, and both nodes are read back.
 *
 * <p>In the normal suite a short run: {@code concord.faults} (default 11, the floor) faults, every kind at
 * least twice (a JVM restart at least once). The long campaign: {@code ./mvnw -B -Pfaults verify} (1,000 faults, see
 * docs/security-issue9/faults.md). Other settings: {@code concord.faults.seed} (to replay a run),
 * {@code concord.faults.max-duration} (stop injecting after this long, then drain and check),
 * {@code concord.faults.drain} (how long the outboxes may take to drain).
 */
class FaultInjectionIT {

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedToAUserIsLostOrDuplicatedAcrossKillsRestartsAndNetworkFaults() throws Exception {
        int count = Integer.getInteger("concord.faults", 11);
        long seed = Long.getLong("concord.faults.seed", System.nanoTime());
        Duration maxDuration = Duration.parse(System.getProperty("concord.faults.max-duration", "PT15M"));
        Duration drainWithin = Duration.parse(System.getProperty("concord.faults.drain", "PT12M"));
        Path jar = Path.of("target/concord.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();

        Map<FaultCampaign.Fault, Integer> shares = new EnumMap<>(FaultCampaign.Fault.class);
        // per mille of the faults beyond the minimum of each kind: cheap network faults most, JVM restarts fewest
        shares.put(FaultCampaign.Fault.NETWORK_CUT, 330);
        shares.put(FaultCampaign.Fault.NETWORK_STALL, 260);
        shares.put(FaultCampaign.Fault.REPLY_LOST, 300);
        shares.put(FaultCampaign.Fault.DATABASE_RESTART, 60);
        shares.put(FaultCampaign.Fault.KILL_SENDER, 20);
        shares.put(FaultCampaign.Fault.KILL_RECEIVER, 20);
        shares.put(FaultCampaign.Fault.PARTNER_DOWN, 10);
        // -Dconcord.faults.shares=KILL_SENDER:5,KILL_RECEIVER:5 changes some (e.g. fewer JVM restarts on a loaded machine)
        for (String share : System.getProperty("concord.faults.shares", "").split(",")) {
            if (!share.isBlank()) {
                String[] kind = share.trim().split(":");
                shares.put(FaultCampaign.Fault.valueOf(kind[0]), Integer.parseInt(kind[1]));
            }
        }
        // every kind: in the short run twice (a JVM restart once), in the long campaign five times at least
        Map<FaultCampaign.Fault, Integer> minimum = new EnumMap<>(FaultCampaign.Fault.class);
        for (FaultCampaign.Fault fault : FaultCampaign.Fault.values()) {
            boolean restart = fault == FaultCampaign.Fault.KILL_SENDER || fault == FaultCampaign.Fault.KILL_RECEIVER
                    || fault == FaultCampaign.Fault.PARTNER_DOWN;
            minimum.put(fault, count >= 100 ? 5 : restart ? 1 : 2);
        }
        // -Dconcord.faults.minimum=N: every kind at least N times instead
        if (System.getProperty("concord.faults.minimum") != null) {
            minimum.replaceAll((fault, n) -> Integer.getInteger("concord.faults.minimum"));
        }
        int floor = minimum.values().stream().mapToInt(Integer::intValue).sum();

        String loadBefore = load();
        try (FaultCampaign campaign = new FaultCampaign(dir, seed)) {
            campaign.note("seed " + seed + ", " + count + " faults planned, " + loadBefore);
            campaign.setUp(jar);
            List<FaultCampaign.Fault> order = campaign.schedule(count, shares, minimum);
            Instant start = Instant.now();
            int done = campaign.inject(order, start.plus(maxDuration));
            Duration injecting = Duration.between(start, Instant.now());
            campaign.heal();
            Duration drained = campaign.drain(drainWithin);
            FaultCampaign.Findings findings = campaign.verify();
            String report = campaign.report(count, done, injecting, drained, findings,
                    "load before " + loadBefore + ", after " + load());
            Path reportFile = Path.of("target/faults/report-" + seed + ".md");
            campaign.write(reportFile, report);
            for (NodeProcess node : campaign.nodes.values()) {
                Files.createDirectories(reportFile.getParent());
                Files.copy(node.logFile(), reportFile.getParent().resolve("node-" + node.code + "-" + seed + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println(report);

            assertThat(campaign.aborted).as(report).isNull();
            assertThat(findings.acknowledgedMessages).as("the users got messages through at all").isPositive();
            assertThat(done).as("faults injected (every kind at least once)")
                    .isGreaterThanOrEqualTo(Math.min(count, Math.min(floor, FaultCampaign.Fault.values().length)));
            assertThat(findings.lost).as(report).isEmpty();
            assertThat(findings.duplicated).as(report).isEmpty();
            assertThat(findings.disagreements).as(report).isEmpty();
            assertThat(findings.refusedByReceiver).as(report).isEmpty();
            assertThat(findings.undelivered).as(report).isZero();
        }
    }

    private static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "load unknown";
        }
    }
}
