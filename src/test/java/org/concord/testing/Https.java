package org.concord.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.concord.party.PairingRecord;

/**
 * A real HTTPS client for tests, the way curl is used in the README: it trusts exactly one node's
 * certificate ({@code --cacert}) and may present a client certificate ({@code --cert}/{@code --key}).
 */
public final class Https {

    private final HttpClient client;
    private final String baseUrl;
    private final Duration timeout;

    private Https(HttpClient client, String baseUrl) {
        this(client, baseUrl, Duration.ofSeconds(30));
    }

    private Https(HttpClient client, String baseUrl, Duration timeout) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** The same client, waiting up to {@code timeout} for each answer instead of 30 seconds (load runs). */
    public Https waitingAtMost(Duration timeout) {
        return new Https(client, baseUrl, timeout);
    }

    /** A client of {@code server} without a client certificate. */
    public static Https to(TestNode server) {
        return new Https(client(server.certificateFile(), null, null), server.url());
    }

    /** A client of {@code server} presenting the certificate and key in the given PEM files. */
    public static Https to(TestNode server, Path clientCertificate, Path clientKey) {
        return new Https(client(server.certificateFile(), clientCertificate, clientKey), server.url());
    }

    /** {@code node} calling {@code server} as a partner, with its own TLS key. */
    public static Https asPartner(TestNode node, TestNode server) {
        return to(server, node.certificateFile(), node.keyFile());
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body is read line by line as it arrives (a server-sent event stream): the lines end when the server ends it. */
    public java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> lines(String path, String... headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    public static String[] basic(String username, String password) {
        return new String[] {"Authorization",
            "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    /**
     * One client per server certificate and client key, kept for the JVM: its connections are reused as
     * curl's or a TAXII client's are, instead of a TLS handshake (and, with a client key, a key store
     * loaded) for every {@code Https.to}, which was a tenth of a test JVM's CPU. Keyed by the files'
     * contents, so a node that made new keys in the same directory gets a new client.
     */
    private static final java.util.Map<String, HttpClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static HttpClient client(Path trusted, Path certificate, Path key) {
        try {
            String id = Files.readString(trusted) + "\n" + (certificate == null ? "" : Files.readString(certificate)) + "\n"
                    + (key == null ? "" : Files.readString(key));
            return CLIENTS.computeIfAbsent(id, ignored -> newClient(trusted, certificate, key));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpClient newClient(Path trusted, Path certificate, Path key) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", PairingRecord.certificate(Files.readString(trusted)));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            javax.net.ssl.KeyManager[] keyManagers = null;
            if (certificate != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", privateKey(key), new char[0],
                        new Certificate[] {PairingRecord.certificate(Files.readString(certificate))});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keys, new char[0]);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers, trustManagers.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
