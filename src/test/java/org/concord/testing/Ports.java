package org.concord.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a server that a test starts a moment later (a node in this JVM, a node or demo
 * process), chosen below the kernel's ephemeral range. A port the kernel hands out for
 * {@code new ServerSocket(0)} lies inside that range, where any JVM's outgoing connection (the other
 * test fork's HTTPS and database clients, a node process of an IT beside it) may take it as its local
 * port between the choosing and the binding: the suite lost runs to "Port … is already in use" that
 * way. Below the range only another listener can take it, and each port is checked free when chosen.
 */
public final class Ports {

    private static final int LOWEST = 20_000;

    private Ports() {
    }

    /** One free port below the ephemeral range. */
    public static int free() {
        return freeRun(1);
    }

    /** The first of {@code count} adjacent free ports below the ephemeral range. */
    public static int freeRun(int count) {
        int below = ephemeralLow();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = random.nextInt(LOWEST, below - count);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.setReuseAddress(false);
                    socket.bind(new java.net.InetSocketAddress(first + i));
                }
                return first;
            } catch (IOException taken) {
                // another listener has one of them: another run of ports
            } finally {
                for (ServerSocket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a socket only bound
                    }
                }
            }
        }
        throw new IllegalStateException("no run of " + count + " free ports between " + LOWEST + " and " + below);
    }

    /** The low end of the kernel's ephemeral port range (Linux's default 32768 where it cannot be read). */
    static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
