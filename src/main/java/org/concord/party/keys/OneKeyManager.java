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
 * {@code EC_EC}/{@code EC_RSA}, whose part before the underscore is the key's type); the issuers a
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
        return key.getAlgorithm().equals(underscore < 0 ? keyType : keyType.substring(0, underscore));
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
