package org.concord.exchange.sync;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.concord.party.PartnerConnections;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

/** Calls a partner's TAXII 2.1 server over mutual TLS, with the client pinned to the partner's certificate. */
@Component
class TaxiiClient {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private final PartnerConnections connections;

    TaxiiClient(PartnerConnections connections) {
        this.connections = connections;
    }

    record Response(int status, String body, Map<String, String> headers) {
    }

    Response get(PartyCode partner, String path, Map<String, String> query) throws IOException, InterruptedException {
        PartnerConnections.Connection connection = connections.to(partner);
        HttpRequest request = HttpRequest.newBuilder(uri(connection, path, query))
                .header("Accept", MEDIA_TYPE).timeout(Duration.ofSeconds(60)).GET().build();
        return send(connection, request);
    }

    /** A plain JSON GET (e.g. the partner's ledger endpoints). */
    Response getJson(PartyCode partner, String path, Map<String, String> query) throws IOException, InterruptedException {
        PartnerConnections.Connection connection = connections.to(partner);
        HttpRequest request = HttpRequest.newBuilder(uri(connection, path, query))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        return send(connection, request);
    }

    /** A plain JSON POST (e.g. the partner's {@code /ledger/receipts} for several receipts at once). */
    Response postJson(PartyCode partner, String path, String body) throws IOException, InterruptedException {
        PartnerConnections.Connection connection = connections.to(partner);
        HttpRequest request = HttpRequest.newBuilder(uri(connection, path, Map.of()))
                .header("Accept", "application/json").header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(connection, request);
    }

    /** A TAXII POST that also lists the receipt formats this node reads ({@link org.concord.ledger.Receipt#FORMATS_HEADER}). */
    Response post(PartyCode partner, String path, String body, String receiptFormats) throws IOException, InterruptedException {
        PartnerConnections.Connection connection = connections.to(partner);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(connection, path, Map.of()))
                .header("Accept", MEDIA_TYPE).header("Content-Type", MEDIA_TYPE).timeout(Duration.ofSeconds(60));
        if (receiptFormats != null) {
            builder.header(org.concord.ledger.Receipt.FORMATS_HEADER, receiptFormats);
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(connection, request);
    }

    private static Response send(PartnerConnections.Connection connection, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = connection.client().send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        return new Response(response.statusCode(), response.body(), headers);
    }

    /** A failed call in one line: what failed and why; a refused connection says so instead of "null". */
    static String describe(Exception e) {
        String why = e.getMessage();
        if (why == null || why.isBlank()) {
            why = e instanceof java.net.ConnectException ? "connection refused: is the partner's node running?"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer in time" : "(no detail)";
        }
        return abbreviate(e.getClass().getSimpleName() + ": " + why);
    }

    /** A partner's answer or an error, cut to a length a log line and a status column can hold. */
    static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static URI uri(PartnerConnections.Connection connection, String path, Map<String, String> query) {
        String base = connection.partner().url().toString();
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        if (!query.isEmpty()) {
            url += "?" + query.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
        return URI.create(url);
    }
}
