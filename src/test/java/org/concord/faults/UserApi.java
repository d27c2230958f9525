package org.concord.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A liaison officer at one node, calling its REST API over real TLS as any script would: a bearer
 * token minted once with the password ({@code POST /api/tokens}), then plain HTTPS requests to the
 * node's own port (never through the proxy, which sits between the nodes).
 */
final class UserApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one call came to: an answer (any status), no answer after it was sent, or no connection at all. */
    record Result(int status, String body, Outcome outcome, String error) {
        boolean ok() {
            return outcome == Outcome.ANSWERED && status / 100 == 2;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    enum Outcome { ANSWERED, NO_ANSWER, NOT_CONNECTED }

    final NodeProcess node;
    final String username;
    private final String password;
    private volatile String token;

    UserApi(NodeProcess node, String username, String password) {
        this.node = node;
        this.username = username;
        this.password = password;
    }

    void login() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = node.client().send(HttpRequest.newBuilder(URI.create(node.directUrl() + "/api/tokens"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"fault campaign\",\"hours\":24}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(node.code + ": POST /api/tokens answered " + response.statusCode() + ": " + response.body());
        }
        token = JSON.readTree(response.body()).path("token").asString();
    }

    Result post(String path, String body) {
        return send("POST", path, body);
    }

    Result get(String path) {
        return send("GET", path, null);
    }

    /** A read that may take long (every case the node holds, after a campaign of thousands). */
    Result read(String path) {
        return send("GET", path, null, Duration.ofMinutes(3));
    }

    private Result send(String method, String path, String body) {
        return send(method, path, body, Duration.ofSeconds(20));
    }

    private Result send(String method, String path, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.directUrl() + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = node.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body(), Outcome.ANSWERED, null);
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
            return new Result(0, null, Outcome.NOT_CONNECTED, "connection refused");
        } catch (IOException e) {
            return new Result(0, null, Outcome.NO_ANSWER, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, null, Outcome.NO_ANSWER, "interrupted");
        } catch (Exception e) {
            return new Result(0, null, Outcome.NO_ANSWER, e.toString());
        }
    }
}
