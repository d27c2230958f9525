package org.concord.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on this machine for a server started a moment later (the node's embedded PostgreSQL; in
 * the tests a node or a demo process), chosen below the kernel's ephemeral range. A port the kernel
 * hands out for {@code new ServerSocket(0)} lies inside that range, where any process's outgoing
 * connection (the node's own HTTPS and database clients, another program's) may take it as its local
 * port between the choosing and the binding: the suite lost runs to "Port … is already in use" that
 * way, and an embedded server that could not bind its port once. Below the range only another
 * listener can take it, and each port is checked free when chosen.
 */
public final class LocalPorts {

    private static final int LOWEST = 20_000;

    private LocalPorts() {
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
