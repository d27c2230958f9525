package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.concord.audit.AuditLog;
import org.concord.cli.ConcordCommandTest.Run;
import org.concord.party.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, defects 3 and 11, as an operator at the node's console: tokens are listed by id and
 * revoked, users disabled, enabled, given a new password and removed, each ending the user's
 * tokens; and an unset environment variable in the configuration is one line naming the setting.
 */
class CredentialCommandsTest {

    @TempDir
    Path dir;

    Path config(String extra) throws Exception {
        Path file = dir.resolve("pk/concord.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                concord:
                  party:
                    code: PK
                    name: Pakistan
                  url: https://localhost:18451
                  data-dir: data
                %s
                server:
                  port: 18451
                """.formatted(extra));
        return file;
    }

    static Run run(String... args) {
        return ConcordCommandTest.run(args);
    }

    @Test
    void anOperatorRevokesTokensAndDisablesEnablesResetsAndRemovesUsers() throws Exception {
        String config = config("").toString();
        assertThat(run("users", "add", "--config", config, "-u", "officer", "-r", "LIAISON").code()).isZero();
        long first;
        try (var context = NodeContexts.offline(ConfigFile.read(Path.of(config)))) {
            ApiTokens tokens = context.getBean(ApiTokens.class);
            first = tokens.issue("officer", "hotline script", Duration.ofHours(5)).id();
            tokens.issue("officer", "export script", Duration.ofHours(5));
        }
        Run list = run("tokens", "list", "--config", config);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(first + "  officer  'hotline script'").contains("'export script'").contains("last used never")
                .doesNotContain("concord_");

        Run revoke = run("tokens", "revoke", String.valueOf(first), "--config", config);
        assertThat(revoke.out()).contains("Revoked token " + first + " of officer ('hotline script')");
        Run again = run("tokens", "revoke", String.valueOf(first), "--config", config);
        assertThat(again.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(again)).isEqualTo("concord: error: id: no live token " + first);
        assertThat(ConcordCommandTest.errorLine(run("tokens", "revoke", "abc", "--config", config)))
                .isEqualTo("concord: error: ID: a token id is a number, as 'concord tokens list' shows it; got 'abc'");

        assertThat(run("users", "disable", "officer", "--config", config).out()).contains("Disabled user officer; its tokens and sessions ended.");
        assertThat(run("users", "list", "--config", config).out()).contains("officer  [LIAISON]  (disabled)");
        assertThat(run("tokens", "list", "--config", config, "--user", "officer").out()).contains("No live tokens of officer.");
        assertThat(run("users", "enable", "officer", "--config", config).out()).contains("Enabled user officer.");
        Run password = run("users", "password", "officer", "--config", config);
        assertThat(password.out()).containsPattern("Password \\(shown once\\): \\S{20}");

        assertThat(run("users", "remove", "officer", "--config", config).out()).contains("Removed user officer");
        Run gone = run("users", "remove", "officer", "--config", config);
        assertThat(gone.code()).isEqualTo(2);
        assertThat(ConcordCommandTest.errorLine(gone)).isEqualTo("concord: error: username: no user 'officer'");
        try (var context = NodeContexts.offline(ConfigFile.read(Path.of(config)))) {
            var actions = context.getBean(AuditLog.class).recent(100).stream()
                    .filter(e -> e.actor().startsWith("cli:")).map(e -> e.action()).toList();
            assertThat(actions).contains("token.revoked", "user.disabled", "user.enabled", "user.password-set", "user.removed");
        }
    }

    @Test
    void anUnsetEnvironmentVariableInTheConfigurationIsOneLineNamingTheSetting() throws Exception {
        String variable = "CONCORD_TEST_UNSET_PASSWORD_9F3A";
        assertThat(System.getenv(variable)).isNull();
        Path config = config("""
                  database:
                    url: jdbc:postgresql://127.0.0.1:5432/test
                    username: concord
                    password: ${%s}
                """.formatted(variable));
        Run node = run("node", "--config", config.toString());
        assertThat(node.code()).isEqualTo(2);
        assertThat(node.err().lines().filter(line -> !line.isBlank()).toList()).as(node.err()).hasSize(1);
        assertThat(ConcordCommandTest.errorLine(node)).startsWith("concord: error: concord.database.password: is ${" + variable + "} in ")
                .contains("the environment variable " + variable + " is not set");
        // A default, or a variable that is set, is left to the node.
        Files.writeString(config, Files.readString(config).replace("${" + variable + "}", "${" + variable + ":secret}"));
        assertThat(ConfigFile.read(config).flat()).containsEntry("concord.database.password", "${" + variable + ":secret}");
    }
}
