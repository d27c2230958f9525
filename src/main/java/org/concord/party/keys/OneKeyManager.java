package org.concord.party.keys;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The node's one TLS key and its certificate, offered to the JDK's TLS for the HTTPS server and for
 * calls to partners. It offers the key only for the key type asked ({@code EC}, or TLS 1.2's
 * {@code EC_EC}: an EC key whose certificate an EC key signed, not {@code EC_RSA}); the issuers a
 * peer names are not filtered on, as the certificate is self-signed and pinned by the peer, which
 * decides. Built directly rather than through a PKCS12 key store: that store encrypts the key on the
 * way in and decrypts it on the way out (PBKDF2, 10,000 rounds of HMAC-SHA-256 each), which was a
 * sixth of a node's start for nothing.
 */
final class OneKeyManager extends X509ExtendedKeyManager {

    static final String ALIAS = "node";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    OneKeyManager(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.chain = new X509Certificate[] {certificate};
    }

    private boolean offers(String keyType) {
        if (keyType == null) {
            return false;
        }
        int underscore = keyType.indexOf('_');
        if (underscore < 0) {
            return key.getAlgorithm().equals(keyType);
        }
        // TLS 1.2's KEY_SIGNER: the key's type, and the type of the key that signed its certificate (here the key
        // itself, the certificate being self-signed), read from the certificate's signature algorithm as the JDK does
        String signer = keyType.substring(underscore + 1);
        String signature = chain[0].getSigAlgName();
        return key.getAlgorithm().equals(keyType.substring(0, underscore)) && signature != null
                && signature.toUpperCase(java.util.Locale.ROOT).contains("WITH" + (signer.equals("EC") ? "ECDSA" : signer));
    }

    private String aliasFor(String[] keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (offers(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return offers(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return offers(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
