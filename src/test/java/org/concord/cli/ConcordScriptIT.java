package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./concord} script's class-data archive, as a user meets it after a build: the first run starts from the jar
 * at once and makes the archive in the background (made first, it held the demo's first start up by 10-15 s); a run
 * while it is being made does not make a second one; the next run starts from the archive; a newer jar is run from the
 * jar again until its own archive is made. Runs the packaged jar (failsafe runs after package) in a copy of the
 * script's layout ({@code concord}, {@code target/concord.jar}).
 */
class ConcordScriptIT {

    @TempDir
    Path dir;

    @Test
    void theFirstRunAfterABuildStartsFromTheJarAndTheArchiveMadeInTheBackgroundServesTheNextRun() throws Exception {
        Files.createDirectories(dir.resolve("target"));
        Files.copy(Path.of("concord"), dir.resolve("concord"));
        dir.resolve("concord").toFile().setExecutable(true);
        Files.copy(Path.of("target/concord.jar"), dir.resolve("target/concord.jar"));
        Path archive = dir.resolve("target/cds/concord.jsa");

        Run first = run();
        assertThat(first.code).as(first.out).isZero();
        assertThat(first.out).contains("concord 0.1.0").contains("preparing a class-data archive in the background");
        assertThat(archive).as("no archive before the first run's background work").doesNotExist();
        Run meanwhile = run();
        assertThat(meanwhile.code).as(meanwhile.out).isZero();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!(Files.exists(archive) && Files.exists(dir.resolve("target/cds/runtime"))) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(archive).as("the archive, made in the background; its log: "
                + Files.readString(dir.resolve("target/cds.log"), StandardCharsets.UTF_8)).exists();
        assertThat(dir.resolve("target/cds.next")).as("one archive made").doesNotExist();
        assertThat(dir.resolve("target/cds/concord.jsa.part")).as("renamed when whole").doesNotExist();

        // -Xshare:on makes the JVM refuse to start unless it maps the archive
        Run next = run("CONCORD_JAVA_OPTS", "-Xshare:on");
        assertThat(next.code).as(next.out).isZero();
        assertThat(next.out).contains("concord 0.1.0").doesNotContain("preparing");

        // a newer build: run from the new jar, and its own archive made again
        dir.resolve("target/concord.jar").toFile().setLastModified(System.currentTimeMillis() + 2_000);
        Run rebuilt = run();
        assertThat(rebuilt.code).as(rebuilt.out).isZero();
        assertThat(rebuilt.out).contains("preparing a class-data archive in the background");
        long jarTime = Files.getLastModifiedTime(dir.resolve("target/concord.jar")).toMillis();
        deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!(Files.exists(archive) && Files.getLastModifiedTime(archive).toMillis() > jarTime && !Files.exists(dir.resolve("target/cds.next")))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("the new jar's archive").isGreaterThan(jarTime);
        Run again = run("CONCORD_JAVA_OPTS", "-Xshare:on");
        assertThat(again.code).as(again.out).isZero();
        assertThat(again.out).doesNotContain("preparing");
    }

    private record Run(int code, String out) {
    }

    private Run run(String... env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", dir.resolve("concord").toString(), "--version").directory(dir.toFile())
                .redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        builder.environment().remove("CONCORD_CDS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), out);
    }
}
