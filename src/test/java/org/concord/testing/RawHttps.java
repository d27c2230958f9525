package org.concord.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.concord.party.PairingRecord;

/**
 * Bytes on a TLS socket to a real node, for what no well-behaved HTTP client sends: an invalid
 * character in the request line or a header, an oversized header. Trusts exactly the node's
 * certificate, as {@link Https} does.
 */
public final class RawHttps {

    private RawHttps() {
    }

    /** What came back: the status line, the headers and the body, as sent. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** A TLS context trusting only {@code node}'s certificate. */
    public static SSLContext trusting(TestNode node) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", PairingRecord.certificate(Files.readString(node.certificateFile())));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return ssl;
    }

    /** Sends {@code request} as it is (it should say {@code Connection: close}) and reads the whole answer. */
    public static Answer send(TestNode node, byte[] request) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting(node).getSocketFactory().createSocket("localhost", node.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the server may reset the connection after answering
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            if (head.isEmpty()) {
                throw new IOException("no answer");
            }
            int status = Integer.parseInt(head.substring(9, 12));
            if ("chunked".equalsIgnoreCase(new Answer(status, head, body).header("Transfer-Encoding"))) {
                body = dechunk(body);
            }
            return new Answer(status, head, body);
        }
    }

    public static Answer send(TestNode node, String request) throws Exception {
        return send(node, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int line = body.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
        return out.toString();
    }
}
