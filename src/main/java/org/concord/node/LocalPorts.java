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
 *
 * <p>Below the range, another listener still can: two test JVMs side by side each checked a port free
 * and one took the port the other had just freed to restart a node on it ("Port … is already in use").
 * So the range may be cut into slices, one per process that chooses ports: the system property
 * {@value #SLICE_PROPERTY} (or the environment variable {@value #SLICE_ENVIRONMENT}, which the processes
 * a test starts inherit) reads {@code k/n}, the k-th of n equal slices, k from 1. The build gives each
 * test JVM its own.
 */
public final class LocalPorts {

    private static final int LOWEST = 20_000;

    /** The system property naming this process's slice of the range, {@code k/n}. */
    public static final String SLICE_PROPERTY = "concord.ports.slice";

    /** The environment variable naming it when the system property does not. */
    public static final String SLICE_ENVIRONMENT = "CONCORD_PORTS_SLICE";

    private LocalPorts() {
    }

    /** One free port below the ephemeral range. */
    public static int free() {
        return freeRun(1);
    }

    /** The first of {@code count} adjacent free ports below the ephemeral range. */
    public static int freeRun(int count) {
        int[] range = range(slice(), ephemeralLow());
        int lowest = range[0];
        int below = range[1];
        if (below - lowest <= count) {
            throw new IllegalStateException("no run of " + count + " ports fits between " + lowest + " and " + below);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = random.nextInt(lowest, below - count);
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
        throw new IllegalStateException("no run of " + count + " free ports between " + lowest + " and " + below);
    }

    /** Hands this process's slice, if it has one, to a process about to be started, and to the ones it starts. */
    public static ProcessBuilder passSliceTo(ProcessBuilder process) {
        String slice = slice();
        if (slice != null) {
            process.environment().put(SLICE_ENVIRONMENT, slice);
        }
        return process;
    }

    /** This process's slice, {@code k/n}, or null for the whole range. */
    public static String slice() {
        String slice = System.getProperty(SLICE_PROPERTY);
        if (slice == null || slice.isBlank()) {
            slice = System.getenv(SLICE_ENVIRONMENT);
        }
        return slice == null || slice.isBlank() ? null : slice.trim();
    }

    /**
     * The ports {@code [low, high)} of {@code slice} ({@code k/n}, or null for all) of the range from 20,000
     * to {@code below}. A slice that does not read {@code k/n} with {@code 1 <= k <= n} is refused by name.
     */
    static int[] range(String slice, int below) {
        if (slice == null) {
            return new int[] {LOWEST, below};
        }
        String[] parts = slice.split("/");
        int k;
        int n;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            k = Integer.parseInt(parts[0].trim());
            n = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SLICE_PROPERTY + " must read k/n (the k-th of n slices of the ports), not '" + slice + "'");
        }
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException(SLICE_PROPERTY + " must read k/n with 1 <= k <= n, not '" + slice + "'");
        }
        int width = (below - LOWEST) / n;
        return new int[] {LOWEST + (k - 1) * width, LOWEST + k * width};
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
