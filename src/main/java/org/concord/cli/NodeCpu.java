package org.concord.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time a process on this machine has used, in clock ticks (user and system), in all and by
 * the kind of work its threads do, read from Linux's {@code /proc/PID/stat} and
 * {@code /proc/PID/task/TID/stat}: what {@code concord bench taxii --node-pid} reports per object.
 * The JVM's own threads count too (the JIT compilers, the garbage collector, H2's background
 * writers), which a profile's execution samples do not see (issue 13: the checks' share of the
 * samples halved while the node's CPU per object did not move; the JIT and the GC were most of it).
 */
final class NodeCpu {

    /** Linux's USER_HZ: the unit of the times in {@code /proc}, 100 on every mainstream kernel. */
    static final int TICKS_PER_SECOND = 100;

    /** The kinds, in the order they are reported. */
    static final String[] GROUPS = {"requests", "checks", "JIT", "GC", "H2 background", "other"};

    private NodeCpu() {
    }

    /** The kind of work a thread of a Concord node does, by its name ({@code comm}, at most 15 characters). */
    static String group(String thread) {
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre") || thread.startsWith("Sweeper thread")) {
            return "JIT";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return "GC";
        }
        if (thread.startsWith("H2-") || thread.startsWith("MVStore ")) {
            return "H2 background";
        }
        if (thread.startsWith("https-jsse-nio-") || thread.startsWith("http-nio-")) {
            return "requests";
        }
        if (thread.startsWith("ForkJoinPool")) {
            return "checks";
        }
        return "other";
    }

    /**
     * The name and ticks (utime + stime) of one {@code stat} line: the name is between the first
     * {@code (} and the last {@code )}, as it may hold spaces and brackets itself.
     */
    static Map.Entry<String, Long> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + stat);
        }
        String[] fields = stat.substring(close + 2).trim().split(" +");
        // After the name: state is field 3 of stat(5), utime field 14 and stime field 15.
        return Map.entry(stat.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    /** A reading: the process's ticks in all, and its live threads' by kind. */
    record Reading(long total, Map<String, Long> byGroup) {

        /** Ticks from {@code before} to this reading, by kind; threads that ended between them count as "other". */
        Map<String, Long> since(Reading before) {
            Map<String, Long> spent = new LinkedHashMap<>();
            long grouped = 0;
            for (String group : GROUPS) {
                long ticks = byGroup.getOrDefault(group, 0L) - before.byGroup.getOrDefault(group, 0L);
                spent.put(group, ticks);
                grouped += ticks;
            }
            spent.merge("other", (total - before.total) - grouped, Long::sum);
            return spent;
        }
    }

    /** Reads the process {@code pid} now. */
    static Reading read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long total = parse(Files.readString(proc.resolve("stat"))).getValue();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended while the tasks were listed
                }
                Map.Entry<String, Long> thread = parse(stat);
                byGroup.merge(group(thread.getKey()), thread.getValue(), Long::sum);
            }
        }
        return new Reading(total, byGroup);
    }

    /** One line: the CPU per object in all and by kind, in microseconds. */
    static String perObject(Map<String, Long> ticks, long objects) {
        long total = ticks.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%.0f µs per object", micros(total, objects)));
        String separator = ": ";
        for (Map.Entry<String, Long> group : ticks.entrySet()) {
            line.append(separator).append(String.format(java.util.Locale.ROOT, "%s %.0f", group.getKey(), micros(group.getValue(), objects)));
            separator = ", ";
        }
        return line.toString();
    }

    private static double micros(long ticks, long objects) {
        return ticks * (1_000_000.0 / TICKS_PER_SECOND) / objects;
    }
}
