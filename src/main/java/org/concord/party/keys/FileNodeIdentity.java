package org.concord.party.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.X509KeyManager;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.concord.node.NodeSettings;
import org.concord.node.OwnerOnly;
import org.concord.party.Fingerprint;
import org.concord.party.NodeIdentity;
import org.concord.party.PairingRecord;
import org.concord.party.Party;
import org.concord.party.PartyCode;
import org.concord.party.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * This node's keys, kept as PEM files under {@code <data-dir>/keys} with owner-only permissions,
 * created on first start and read on every later one:
 *
 * <ul>
 * <li>{@code tls.key}, {@code tls.crt}: an ECDSA P-256 key and a self-signed certificate, used both
 * as the HTTPS server certificate and as this node's client certificate towards partners. P-256
 * rather than Ed25519 because every TLS client in use (curl/OpenSSL, the JDK, browsers for the
 * console) accepts ECDSA P-256 certificates, while browsers refuse Ed25519 ones.</li>
 * <li>{@code signing.key}: an Ed25519 key (RFC 8032) for checkpoints and receipts.</li>
 * <li>{@code identity.json}: this party's STIX 2.1 identity object (public).</li>
 * </ul>
 *
 * A partly present set is refused rather than silently replaced, because new keys would break
 * every pairing made with the old ones.
 */
public final class FileNodeIdentity implements NodeIdentity {

    private static final Logger log = LoggerFactory.getLogger(FileNodeIdentity.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TLS_KEY = "tls.key";
    private static final String TLS_CERT = "tls.crt";
    private static final String SIGNING_KEY = "signing.key";
    private static final String IDENTITY = "identity.json";

    private final Party party;
    private final URI url;
    private final Path directory;
    private final PrivateKey tlsKey;
    private final X509Certificate certificate;
    private final PrivateKey signingPrivateKey;
    private final org.concord.node.Ed25519Signatures.Signer signer;
    private final SigningKey signingKey;
    private final String stixIdentity;
    private final String stixIdentityId;

    private FileNodeIdentity(Party party, URI url, Path directory, PrivateKey tlsKey, X509Certificate certificate,
            PrivateKey signingPrivateKey, SigningKey signingKey, String stixIdentity) {
        this.party = party;
        this.url = url;
        this.directory = directory;
        this.tlsKey = tlsKey;
        this.certificate = certificate;
        this.signingPrivateKey = signingPrivateKey;
        this.signer = org.concord.node.Ed25519Signatures.signer(signingPrivateKey);
        this.signingKey = signingKey;
        this.stixIdentity = stixIdentity;
        this.stixIdentityId = JSON.readTree(stixIdentity).path("id").asString();
    }

    /** The directory the key files live in. */
    public static Path keyDirectory(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("keys");
    }

    public static FileNodeIdentity loadOrCreate(NodeSettings settings, Clock clock) {
        Party party = new Party(PartyCode.of(settings.party().code()), settings.party().name());
        Path dir = keyDirectory(settings.dataDir());
        List<String> present = new ArrayList<>();
        for (String name : List.of(TLS_KEY, TLS_CERT, SIGNING_KEY, IDENTITY)) {
            if (Files.exists(dir.resolve(name))) {
                present.add(name);
            }
        }
        try {
            if (present.isEmpty()) {
                create(party, settings.url(), dir, clock);
            } else if (present.size() < 4) {
                throw new IllegalStateException("incomplete key material in " + dir + ": found " + present
                        + " but need tls.key, tls.crt, signing.key and identity.json; restore the missing files from a backup,"
                        + " or move the directory away to create new keys (and pair again)");
            }
            return load(party, settings.url(), dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read or create the node's keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void create(Party party, URI url, Path dir, Clock clock) throws IOException, GeneralSecurityException {
        OwnerOnly.restrictDirectory(dir);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair tls = ec.generateKeyPair();
        X509Certificate certificate = selfSigned(party, url, tls, clock.instant());
        KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        OwnerOnly.write(dir.resolve(TLS_KEY), pem("PRIVATE KEY", tls.getPrivate().getEncoded()));
        OwnerOnly.write(dir.resolve(TLS_CERT), pem("CERTIFICATE", certificate.getEncoded()));
        OwnerOnly.write(dir.resolve(SIGNING_KEY), pem("PRIVATE KEY", signing.getPrivate().getEncoded()));
        OwnerOnly.write(dir.resolve(IDENTITY), identity(party, url, clock.instant()).getBytes(StandardCharsets.UTF_8));
        log.info("created new keys for party {} in {}; TLS certificate SHA-256 {}", party.code(), dir,
                PairingRecord.fingerprintOf(certificate));
    }

    private static FileNodeIdentity load(Party party, URI url, Path dir) throws IOException, GeneralSecurityException {
        PrivateKey tlsKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(dir.resolve(TLS_KEY))));
        X509Certificate certificate = PairingRecord.certificate(Files.readString(dir.resolve(TLS_CERT)));
        PrivateKey signingPrivate = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(unpem(dir.resolve(SIGNING_KEY))));
        SigningKey signingKey = SigningKey.of(publicOf(signingPrivate));
        String identity = Files.readString(dir.resolve(IDENTITY));
        // Identities written before issue 10 carry the code as the top-level x_concord_party; both are read.
        String identityCode = org.concord.party.ConcordProperties.party(JSON.readTree(identity)).orElse("");
        if (!identityCode.isEmpty() && !identityCode.equals(party.code().value())) {
            throw new IllegalStateException("the keys in " + dir + " belong to party " + identityCode
                    + " but the configuration says concord.party.code=" + party.code() + "; point concord.data-dir at "
                    + party.code() + "'s own data directory");
        }
        return new FileNodeIdentity(party, url, dir, tlsKey, certificate, signingPrivate, signingKey, identity);
    }

    /** The public half of an Ed25519 private key, by signing nothing and deriving it through the JDK. */
    private static PublicKey publicOf(PrivateKey ed25519) throws GeneralSecurityException {
        // The JDK keeps the public key inside the PKCS#8 v2 structure only when it wrote it; derive it instead.
        var spec = KeyFactory.getInstance("Ed25519").getKeySpec(ed25519, java.security.spec.EdECPrivateKeySpec.class);
        var params = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(spec.getBytes(), 0);
        byte[] raw = params.generatePublicKey().getEncoded();
        return SigningKey.parse("signing.key", Base64.getEncoder().encodeToString(raw)).publicKey();
    }

    private static X509Certificate selfSigned(Party party, URI url, KeyPair keys, Instant now) throws GeneralSecurityException {
        try {
            var name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, party.code().value())
                    .addRDN(BCStyle.O, party.name())
                    .addRDN(BCStyle.CN, "Concord node " + party.code())
                    .build();
            Instant notBefore = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = notBefore.plus(Duration.ofDays(3650));
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            String host = url.getHost();
            if (host != null && !host.equals("localhost") && !host.equals("127.0.0.1")) {
                boolean ip = host.matches("[0-9.]+") || host.contains(":");
                names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, ip ? InetAddress.getByName(host).getHostAddress() : host));
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot create the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static String identity(Party party, URI url, Instant now) {
        String created = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS));
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "identity");
        node.put("spec_version", "2.1");
        node.put("id", "identity--" + UUID.randomUUID());
        node.put("created", created);
        node.put("modified", created);
        node.put("name", party.name());
        node.put("identity_class", "organization");
        node.putArray("sectors").add("government-national");
        node.put("contact_information", url.toString());
        org.concord.party.ConcordProperties.put(node, org.concord.party.ConcordProperties.PARTY, party.code().value());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] unpem(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a PEM file: " + e.getMessage());
        }
    }

    /** A key manager that presents this node's certificate, for the HTTPS server and for calls to partners. */
    public X509KeyManager keyManager() {
        return new OneKeyManager(tlsKey, certificate);
    }

    public Path tlsCertificateFile() {
        return directory.resolve(TLS_CERT);
    }

    public Path tlsKeyFile() {
        return directory.resolve(TLS_KEY);
    }

    @Override
    public Party party() {
        return party;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public Fingerprint fingerprint() {
        return PairingRecord.fingerprintOf(certificate);
    }

    @Override
    public SigningKey signingKey() {
        return signingKey;
    }

    @Override
    public String stixIdentity() {
        return stixIdentity;
    }

    @Override
    public String stixIdentityId() {
        return stixIdentityId;
    }

    @Override
    public byte[] sign(byte[] message) {
        return signer.sign(message);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + party.code() + ", " + url + ", TLS " + fingerprint() + "]";
    }
}
