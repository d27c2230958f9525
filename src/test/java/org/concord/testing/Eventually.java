package org.concord.testing;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waiting, with Awaitility, for what a node shows to get somewhere: a partner's message reaches a
 * module through the event publication log, asynchronously after the inbox commits, so a test waits
 * for that hand-over (a few milliseconds), never for time to pass in the model.
 */
public final class Eventually {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Eventually() {
    }

    /** The JSON {@code get} answers with 200 once {@code until} holds; fails after 20 seconds naming {@code what}. */
    public static JsonNode view(String what, Callable<HttpResponse<String>> get, Predicate<JsonNode> until) {
        return await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            HttpResponse<String> response = get.call();
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, view -> view != null && until.test(view));
    }

    /** Waits until {@code done} holds, for at most 20 seconds. */
    public static void until(String what, Callable<Boolean> done) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(done);
    }
}
