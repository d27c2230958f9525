package org.concord.testing;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

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

    /** Waits until {@code done} holds, for at most {@code atMost}, checking every 20 ms. */
    public static void until(String what, Duration atMost, Callable<Boolean> done) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(20)).until(done);
    }

    /**
     * Reads every {@code every} until what is read satisfies {@code until}, and returns it; after
     * {@code atMost} fails naming {@code what} and showing the last reading (an HTTP answer as its
     * status and body).
     */
    public static <T> T value(String what, Duration atMost, Duration every, Callable<T> read, Predicate<? super T> until) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return await(what).atMost(atMost).pollInterval(every).until(() -> {
                T value = read.call();
                last.set(value);
                return value;
            }, value -> until.test(value));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost.toSeconds() + " s; last reading: " + describe(last.get()), e);
        }
    }

    /**
     * Checks that {@code holds} stays true for the whole of {@code during}: for what must not happen
     * (nothing arrives), where there is no event to wait for and only time can show it.
     */
    public static void stays(String what, Duration during, Callable<Boolean> holds) {
        await(what).during(during).atMost(during.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(holds);
    }

    private static String describe(Object reading) {
        return reading instanceof HttpResponse<?> response ? response.statusCode() + " " + response.body() : String.valueOf(reading);
    }
}
