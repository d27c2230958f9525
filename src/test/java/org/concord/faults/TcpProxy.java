package org.concord.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between one node and its partner, which the fault campaign switches
 * between passing traffic and three kinds of network fault:
 * <ul>
 * <li>{@link Mode#DROP}: every open connection is reset (RST, through {@code SO_LINGER 0}) and
 * every new one is accepted and reset at once, as when a link goes down;</li>
 * <li>{@link Mode#STALL}: bytes stop flowing both ways, connections stay open, as when a link
 * silently loses everything;</li>
 * <li>{@link Mode#LOSE_REPLIES}: requests still reach the node, but the first bytes of an answer on
 * a connection opened before the fault reset it: the receiver has done the work, the sender never
 * learns it (the case that makes a naive retry a duplicate).</li>
 * </ul>
 * The TLS stays end to end: the proxy only moves bytes. Two threads per connection; it serves a
 * handful of connections at a time, which is all two nodes open.
 */
final class TcpProxy implements AutoCloseable {

    enum Mode { PASS, DROP, STALL, LOSE_REPLIES }

    private final String name;
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object monitor = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile long modeSince;
    private volatile boolean closed;
    final AtomicLong connections = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong repliesLost = new AtomicLong();
    /** Chunks of bytes that arrived while stalled and had to wait. */
    final AtomicLong stalledChunks = new AtomicLong();
    private volatile long lastActivity;

    TcpProxy(String name, int targetPort) throws IOException {
        this.name = name;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Mode mode() {
        return mode;
    }

    /** Switches mode; entering DROP resets every open connection at once. */
    void set(Mode next) {
        synchronized (monitor) {
            mode = next;
            modeSince = System.nanoTime();
            monitor.notifyAll();
        }
        if (next == Mode.DROP) {
            for (Link link : links) {
                link.reset();
            }
        }
    }

    /** Whether bytes moved through the proxy within the last {@code millis}. */
    boolean activeWithin(long millis) {
        return System.nanoTime() - lastActivity < millis * 1_000_000;
    }

    /** Open connections right now. */
    int open() {
        return links.size();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.incrementAndGet();
            if (mode == Mode.DROP) {
                resetQuietly(client);
                resets.incrementAndGet();
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException e) {
                // the node behind is down: the client sees its connection reset, as it would see a refusal
                resetQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Link link = new Link(client, upstream, System.nanoTime());
            links.add(link);
            link.start();
        }
    }

    private final class Link {
        final Socket client;
        final Socket upstream;
        final long opened;
        volatile boolean done;
        final java.util.concurrent.atomic.AtomicInteger halvesEnded = new java.util.concurrent.atomic.AtomicInteger();

        Link(Socket client, Socket upstream, long opened) {
            this.client = client;
            this.upstream = upstream;
            this.opened = opened;
        }

        void start() {
            Thread up = new Thread(() -> pump(client, upstream, false), "proxy-" + name + "-up");
            Thread down = new Thread(() -> pump(upstream, client, true), "proxy-" + name + "-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        void pump(Socket from, Socket to, boolean reply) {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        to.shutdownOutput();
                        if (halvesEnded.incrementAndGet() == 2) {
                            done = true;
                            closeQuietly(client);
                            closeQuietly(upstream);
                            links.remove(this);
                        }
                        return;
                    }
                    lastActivity = System.nanoTime();
                    synchronized (monitor) {
                        if (mode == Mode.STALL) {
                            stalledChunks.incrementAndGet();
                        }
                        while (mode == Mode.STALL && !done && !closed) {
                            monitor.wait(200);
                        }
                    }
                    if (done || closed || mode == Mode.DROP) {
                        reset();
                        return;
                    }
                    if (reply && mode == Mode.LOSE_REPLIES && opened < modeSince) {
                        repliesLost.incrementAndGet();
                        reset();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                reset();
            }
        }

        void reset() {
            if (!done) {
                done = true;
                resets.incrementAndGet();
            }
            resetQuietly(client);
            resetQuietly(upstream);
            links.remove(this);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // already gone
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Link link : links) {
            link.reset();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "proxy " + name + " :" + port() + " -> :" + targetPort + " (" + mode + ")";
    }
}
