package org.concord.party;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

import org.concord.node.InvalidInput;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one node gives another to be paired with it: its party, its URL, its STIX identity, its TLS
 * certificate with the certificate's SHA-256 fingerprint, and its Ed25519 signing key. It holds no
 * secret. {@code concord keys export} prints it; {@code concord partners add FILE} reads it. The
 * officers of both sides read the fingerprints to each other over a second channel (a phone line)
 * before they trust a record that came by e-mail or on a memory stick.
 *
 * <p>Reading a record checks everything it can check alone: the certificate parses, the fingerprint
 * is the certificate's, the signing key is an Ed25519 key, and the URL is HTTPS.
 */
public record PairingRecord(Party party, URI url, String identity, X509Certificate certificate,
        Fingerprint fingerprint, SigningKey signingKey) {

    /** The format tag every record carries, so that a later format can be told apart. */
    public static final String FORMAT = "concord-pairing-record/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PairingRecord {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(signingKey, "signingKey");
        if (!fingerprint.equals(fingerprintOf(certificate))) {
            throw new InvalidInput("fingerprint", "matches-certificate", "is " + fingerprint
                    + " but the certificate's SHA-256 fingerprint is " + fingerprintOf(certificate));
        }
    }

    /**
     * Refuses a certificate that is not valid at {@code now}, expired or not yet valid, naming
     * {@code certificate}, the rule {@code validity-period} and the window: a partner whose
     * certificate has lapsed cannot be authenticated at the TLS handshake, so pairing with it would
     * only hide the fault until the first delivery.
     */
    public void checkValidAt(java.time.Instant now) {
        java.time.Instant from = certificate.getNotBefore().toInstant();
        java.time.Instant until = certificate.getNotAfter().toInstant();
        if (now.isBefore(from)) {
            throw new InvalidInput("certificate", "validity-period", "is not valid yet: valid from " + from + " until " + until
                    + ", and it is now " + now);
        }
        if (now.isAfter(until)) {
            throw new InvalidInput("certificate", "validity-period", "has expired: valid from " + from + " until " + until
                    + ", and it is now " + now);
        }
    }

    public static Fingerprint fingerprintOf(X509Certificate certificate) {
        try {
            return Fingerprint.of(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a record; every refusal names the field and the rule. */
    public static PairingRecord parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw InvalidInput.notJson("record", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("record", "json-object", "must be a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new InvalidInput("format", "known-format", "must be '" + FORMAT + "', got '" + format + "'");
        }
        JsonNode partyNode = root.path("party");
        Party party = new Party(new PartyCode(text(partyNode, "party.code", "code")), text(partyNode, "party.name", "name"));
        URI url = url(text(root, "url"));
        JsonNode identity = root.path("identity");
        if (!identity.isObject() || !"identity".equals(identity.path("type").asString(""))
                || !identity.path("id").asString("").matches("identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new InvalidInput("identity", "stix-identity", "must be a STIX 2.1 identity object with an id identity--<uuid>");
        }
        X509Certificate certificate = certificate(text(root, "certificate"));
        Fingerprint fingerprint = Fingerprint.parse("fingerprint", text(root, "fingerprint"));
        SigningKey signingKey = SigningKey.parse("signingKey", text(root, "signingKey"));
        if (root.hasNonNull("signingKeyFingerprint")) {
            Fingerprint stated = Fingerprint.parse("signingKeyFingerprint", text(root, "signingKeyFingerprint"));
            if (!stated.equals(signingKey.fingerprint())) {
                throw new InvalidInput("signingKeyFingerprint", "matches-signing-key", "is " + stated
                        + " but the signing key's SHA-256 fingerprint is " + signingKey.fingerprint());
            }
        }
        return new PairingRecord(party, url, JSON.writeValueAsString(identity), certificate, fingerprint, signingKey);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode partyNode = root.putObject("party");
        partyNode.put("code", party.code().value());
        partyNode.put("name", party.name());
        root.put("url", url.toString());
        root.set("identity", JSON.readTree(identity));
        root.put("certificate", pem(certificate));
        root.put("fingerprint", fingerprint.toString());
        root.put("signingKey", signingKey.base64());
        root.put("signingKeyFingerprint", signingKey.fingerprint().toString());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    public String certificatePem() {
        return pem(certificate);
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one PEM or base64 DER X.509 certificate. */
    public static X509Certificate certificate(String text) {
        try {
            String body = text.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw new InvalidInput("certificate", "x509-pem", "is not a PEM-encoded X.509 certificate: " + e.getMessage());
        }
    }

    private static URI url(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInput("url", "https-url", "is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new InvalidInput("url", "https-url", "must be an absolute https:// URL with a host, got '" + text + "'");
        }
        return url;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String property) {
        JsonNode value = node.get(property);
        if (value == null || value.isNull()) {
            throw new InvalidInput(field, "required", "is missing");
        }
        if (!value.isString()) {
            throw new InvalidInput(field, "string", "must be a JSON string");
        }
        return value.asString();
    }
}
