package org.concord.party.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.concord.audit.AuditLog;
import org.concord.party.PairingRecord;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.MovableClock;
import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9, defect 5, from the attacker's seat: 300 wrong passwords at one account, a spray of
 * names from one address, and guessed bearer tokens are answered with 429 and Retry-After once a
 * few have failed, while other people at other addresses log in as usual and the locked account
 * works again after the backoff. Each attacker and victim has its own loopback address (the
 * client binds to 127.0.0.N), as they would in the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedLoginsAreThrottledTest {

    MovableClock clock;
    TestNode pk;
    SSLContext tls;

    @BeforeAll
    void start() throws Exception {
        clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        pk = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null, Map.of(), clock);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", PairingRecord.certificate(Files.readString(pk.certificateFile())));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
    }

    @AfterAll
    void stop() {
        pk.close();
        Postgres.dropSchema(pk.schema());
    }

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** GET {@code path} from the loopback address {@code from}, with one Authorization header. */
    Response get(String from, String path, String authorization) throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", pk.port()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + pk.port() + "\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
            StringBuilder body = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                body.append(line).append('\n');
            }
            return new Response(status, headers, body.toString());
        }
    }

    static String basic(String username, String password) {
        return Https.basic(username, password)[1];
    }

    long auditRows(String subject) {
        return pk.bean(AuditLog.class).recent(10_000).stream()
                .filter(e -> e.action().startsWith("login.") && e.subject().equals(subject)).count();
    }

    @Test
    void threeHundredWrongPasswordsAreThrottledWhileOthersLogInAndTheAccountWorksAfterTheBackoff() throws Exception {
        String attacker = "127.0.0.11";
        String colleague = "127.0.0.12";
        String analyst = pk.username(Role.ANALYST);
        List<Integer> statuses = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 300; i++) {
            last = get(attacker, "/api/whoami", basic(analyst, "guess-number-" + i));
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 5)).as("the first failures are plain 401s").containsOnly(401);
        assertThat(statuses.subList(5, 300)).as("then every attempt is refused unchecked").containsOnly(429);
        assertThat(last.headers().get("retry-after")).isEqualTo("30");
        assertThat(last.headers().get("content-type")).contains("application/problem+json");
        assertThat(last.body()).contains("\"status\":429").contains("too many failed logins for this account");

        // The right password is not even checked while the account is blocked, from any address.
        assertThat(get(colleague, "/api/whoami", basic(analyst, pk.password(Role.ANALYST))).status()).isEqualTo(429);
        // Another person, at another address, is not affected.
        assertThat(get(colleague, "/api/whoami", basic(pk.username(Role.VIEWER), pk.password(Role.VIEWER))).status()).isEqualTo(200);
        // 300 attempts wrote two audit rows (the first failure and the block), not 300.
        assertThat(auditRows(analyst)).isEqualTo(2);

        // The backoff doubles with every failure after it ends.
        clock.advance(Duration.ofSeconds(31));
        assertThat(get(attacker, "/api/whoami", basic(analyst, "one-more-guess")).status()).isEqualTo(401);
        Response doubled = get(attacker, "/api/whoami", basic(analyst, "and-another"));
        assertThat(doubled.status()).isEqualTo(429);
        assertThat(doubled.headers().get("retry-after")).isEqualTo("60");

        clock.advance(Duration.ofSeconds(61));
        assertThat(get(colleague, "/api/whoami", basic(analyst, pk.password(Role.ANALYST))).status())
                .as("the owner logs in after the backoff").isEqualTo(200);
        // ... which cleared the account's count: one typo is a 401 again, not a block.
        assertThat(get(colleague, "/api/whoami", basic(analyst, "a-typo")).status()).isEqualTo(401);
        assertThat(get(colleague, "/api/whoami", basic(analyst, pk.password(Role.ANALYST))).status()).isEqualTo(200);
    }

    @Test
    void sprayingManyNamesFromOneAddressBlocksTheAddressNotTheAccounts() throws Exception {
        String sprayer = "127.0.0.21";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(get(sprayer, "/api/whoami", basic("name-" + i, "password-" + i)).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 40)).containsOnly(429);
        Response blocked = get(sprayer, "/api/whoami", basic(pk.username(Role.LIAISON), pk.password(Role.LIAISON)));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("from this address");
        assertThat(get("127.0.0.22", "/api/whoami", basic(pk.username(Role.LIAISON), pk.password(Role.LIAISON))).status())
                .as("the same account from another address").isEqualTo(200);
    }

    @Test
    void guessedBearerTokensAreThrottledByAddress() throws Exception {
        String guesser = "127.0.0.31";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(get(guesser, "/api/whoami", "Bearer concord_guess" + i).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
        assertThat(auditRows("address:" + guesser)).as("the window opening and each block").isBetween(1L, 7L);
        assertThat(get("127.0.0.32", "/api/whoami", basic(pk.username(Role.VIEWER), pk.password(Role.VIEWER))).status()).isEqualTo(200);

        // a real token is refused from the blocked address too (the block is read with the token, in one query), and not
        // marked as used there; from another address it works
        var tokens = pk.bean(org.concord.party.ApiTokens.class);
        String real = tokens.issue(pk.username(Role.VIEWER), "throttle test", java.time.Duration.ofHours(1)).token();
        Response refused = get(guesser, "/api/whoami", "Bearer " + real);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(tokens.of(pk.username(Role.VIEWER)).stream().filter(t -> t.label().equals("throttle test")).findFirst()
                .orElseThrow().lastUsedAt()).as("a refused request does not count as the token's use").isNull();
        Response elsewhere = get("127.0.0.33", "/api/whoami", "Bearer " + real);
        assertThat(elsewhere.status()).isEqualTo(200);
        assertThat(elsewhere.body()).contains(pk.username(Role.VIEWER));
    }

    @Test
    void aBlockIsRefusedUnderTaxiiInTaxiisErrorFormat() throws Exception {
        String from = "127.0.0.41";
        for (int i = 0; i < 5; i++) {
            get(from, "/taxii2/", basic("taxii-client", "wrong-" + i));
        }
        Response refused = get(from, "/taxii2/", basic("taxii-client", "wrong"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(refused.body()).contains("\"http_status\":\"429\"");
    }
}
