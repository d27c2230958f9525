package org.concord.party.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that checks only one side of a TLS connection, clients (on this node's server)
 * or servers (on its calls to partners), and refuses to be used for the other. No certificate
 * authority is trusted; {@link #getAcceptedIssuers()} names none, so that an anonymous peer
 * cannot learn from the handshake whom this node is paired with.
 */
public abstract class OneSidedTrustManager extends X509ExtendedTrustManager {

    /** Which side of the connection this trust manager checks. */
    public enum Side { CLIENTS, SERVERS }

    private final Side side;

    protected OneSidedTrustManager(Side side) {
        this.side = side;
    }

    /**
     * Accepts the peer's certificate chain or throws, naming why.
     *
     * @param peer where the peer connects from, for the log ("(address unknown)" if not known)
     */
    protected abstract void check(X509Certificate[] chain, String peer) throws CertificateException;

    private void checkSide(Side asked, X509Certificate[] chain, String peer) throws CertificateException {
        if (asked != side) {
            throw new CertificateException("this trust manager only checks " + side.name().toLowerCase(java.util.Locale.ROOT));
        }
        check(chain, peer);
    }

    private static String peer(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? "(address unknown)" : engine.getPeerHost() + ":" + engine.getPeerPort();
    }

    private static String peer(Socket socket) {
        return socket == null ? "(address unknown)" : String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkSide(Side.CLIENTS, chain, peer(engine));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkSide(Side.CLIENTS, chain, peer(socket));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkSide(Side.CLIENTS, chain, "(address unknown)");
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkSide(Side.SERVERS, chain, peer(engine));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkSide(Side.SERVERS, chain, peer(socket));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkSide(Side.SERVERS, chain, "(address unknown)");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
