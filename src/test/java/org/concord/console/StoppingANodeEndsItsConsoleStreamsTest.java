package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TestNode;
import org.junit.jupiter.api.Test;

/**
 * An officer's open console page holds a server-sent event stream ({@code /console/events}). When
 * the node is stopped (an upgrade, a restart by the operator) the node ends that stream itself and
 * stops at once; before, the web server's graceful shutdown waited its whole 30 s grace period for
 * every open page, and the operator for it. The page's EventSource reconnects by itself.
 */
class StoppingANodeEndsItsConsoleStreamsTest {

    /** The web server's grace period (spring.lifecycle.timeout-per-shutdown-phase, 30 s by default). */
    static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void aNodeWithAnOpenConsolePageStopsWithoutWaitingOutItsGracePeriodAndThePageSeesItsStreamEnd() throws Exception {
        TestNode node = TestNode.start("PK", "Pakistan", TestNode.Store.H2);
        boolean closed = false;
        try {
            Https https = Https.to(node);
            HttpResponse<String> page = https.get("/login");
            String cookie = ConsoleSessionsTest.cookie(page);
            HttpResponse<String> in = https.send("POST", "/login",
                    ConsoleSessionsTest.form(node.username(Role.VIEWER), node.password(Role.VIEWER), ConsoleSessionsTest.csrf(page.body())),
                    "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
            assertThat(in.statusCode()).isEqualTo(302);
            String session = in.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();

            HttpResponse<Stream<String>> stream = https.lines("/console/events", "Cookie", session, "Accept", "text/event-stream")
                    .get(30, TimeUnit.SECONDS);
            assertThat(stream.statusCode()).isEqualTo(200);
            Iterator<String> lines = stream.body().iterator();
            assertThat(lines.next()).as("the stream says hello").isEqualTo("event:hello");
            assertThat(node.bean(ConsoleEvents.class).listening()).isEqualTo(1);

            long start = System.nanoTime();
            node.close();
            closed = true;
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("stopping did not wait out the grace period for the open page").isLessThan(GRACE.dividedBy(2));
            while (lines.hasNext()) {
                lines.next(); // the rest of the hello event, then the end the node gave the stream
            }
        } finally {
            if (!closed) {
                node.close();
            }
        }
    }
}
