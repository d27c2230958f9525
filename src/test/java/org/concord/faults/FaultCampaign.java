package org.concord.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * Two nodes (PK and IR) as separate JVMs from the packaged jar, each on its own database in the
 * throwaway PostgreSQL cluster, each reaching the other only through a {@link TcpProxy}; their
 * users keep working ({@link Workload}) while faults are injected one after another; then every
 * fault is healed, the outboxes drain, and both nodes are read back: every message acknowledged to
 * a user must exist exactly once at its sender and at its receiver, and both must show each case
 * the same.
 */
final class FaultCampaign implements AutoCloseable {

    enum Fault {
        /** The link between the nodes goes down: open connections reset, new ones reset, for 0.2 to 1.5 s. */
        NETWORK_CUT,
        /** The link stops moving bytes, connections stay open, for 0.3 to 3 s. */
        NETWORK_STALL,
        /** Requests get through, the answers on open connections are lost (connection reset), for up to 2 s. */
        REPLY_LOST,
        /** The database cluster is restarted: a clean fast shutdown or an immediate one (as a crash). */
        DATABASE_RESTART,
        /** {@code kill -9} of the node sending a burst, at a random point of it; then started again. */
        KILL_SENDER,
        /** {@code kill -9} of the node receiving a burst, at a random point of it; then started again. */
        KILL_RECEIVER,
        /** The partner is stopped for 10 to 25 s, longer than the first backoff steps, while the other sends; then started. */
        PARTNER_DOWN
    }

    private static final List<String> CODES = List.of("PK", "IR");

    final Path dir;
    final long seed;
    final Random random;
    final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    /** The proxy in front of each node: the partner's traffic to that node goes through it. */
    final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    final Map<Fault, AtomicLong> millis = new EnumMap<>(Fault.class);
    /** Faults that met traffic: a connection reset, bytes held, an answer lost, a process or the database stopped. */
    final Map<Fault, AtomicLong> hits = new EnumMap<>(Fault.class);
    final AtomicLong settleMillis = new AtomicLong();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    Workload workload;
    /** Why injecting stopped before its end (e.g. a node that would not start again), or null. */
    volatile String aborted;
    private final Instant began = Instant.now();

    FaultCampaign(Path dir, long seed) {
        this.dir = dir;
        this.seed = seed;
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
            millis.put(fault, new AtomicLong());
            hits.put(fault, new AtomicLong());
        }
    }

    /** Creates both nodes' databases, keys, pairing (through the proxies' URLs) and users, with the jar's own commands. */
    void setUp(Path jar) throws Exception {
        FaultsPostgres.start();
        String run = Long.toHexString(seed & 0xffffffL);
        Map<String, String> names = Map.of("PK", "Pakistan (fault campaign)", "IR", "Iran (fault campaign)");
        for (String code : CODES) {
            int port = NodeProcess.freePort();
            TcpProxy proxy = new TcpProxy("to-" + code, port);
            proxies.put(code, proxy);
            String database = "faults_" + code.toLowerCase(java.util.Locale.ROOT) + "_" + run;
            FaultsPostgres.recreate(database);
            NodeProcess node = new NodeProcess(code, names.get(code), dir.resolve(code.toLowerCase(java.util.Locale.ROOT)), port,
                    proxy.port(), database, jar);
            node.writeConfig();
            nodes.put(code, node);
        }
        parallel(code -> nodes.get(code).cli(null, "keys", "export", "--out", nodes.get(code).dir.resolve("record.json").toString()));
        Map<String, String> passwords = new HashMap<>();
        for (String code : CODES) {
            passwords.put(code, "fault-campaign-" + Long.toHexString(random.nextLong()));
        }
        parallel(code -> {
            NodeProcess node = nodes.get(code);
            NodeProcess partner = nodes.get(other(code));
            node.cli(null, "partners", "add", partner.dir.resolve("record.json").toString());
            node.cli(passwords.get(code), "users", "add", "--username", code.toLowerCase(java.util.Locale.ROOT) + "-liaison",
                    "--role", "LIAISON", "--password-stdin");
        });
        parallel(code -> {
            nodes.get(code).start();
            nodes.get(code).awaitHealthy(Duration.ofMinutes(4));
        });
        Map<String, UserApi> users = new LinkedHashMap<>();
        for (String code : CODES) {
            UserApi user = new UserApi(nodes.get(code), code.toLowerCase(java.util.Locale.ROOT) + "-liaison", passwords.get(code));
            user.login();
            users.put(code, user);
        }
        workload = new Workload(users, seed);
        note("set up in " + Duration.between(began, Instant.now()).toSeconds() + " s: " + nodes.values() + ", " + proxies.values());
    }

    static String other(String code) {
        return "PK".equals(code) ? "IR" : "PK";
    }

    /** The order of faults: every kind at least its {@code minimum}, the rest drawn by {@code shares} (per mille). */
    List<Fault> schedule(int count, Map<Fault, Integer> shares, Map<Fault, Integer> minimum) {
        List<Fault> first = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            for (int i = 0; i < minimum.getOrDefault(fault, 0); i++) {
                first.add(fault);
            }
        }
        // the minimum of every kind comes first (shuffled), so that a run cut short by its time limit still has every kind
        Collections.shuffle(first, random);
        List<Fault> order = new ArrayList<>();
        int floor = first.size();
        int total = shares.values().stream().mapToInt(Integer::intValue).sum();
        // the rest in proportion to the shares, largest remainders first, so the mix is exact, not sampled
        Map<Fault, Double> exact = new EnumMap<>(Fault.class);
        int rest = Math.max(0, count - floor);
        int assigned = 0;
        for (Fault fault : Fault.values()) {
            double want = rest * shares.getOrDefault(fault, 0) / (double) total;
            int whole = (int) Math.floor(want);
            exact.put(fault, want - whole);
            for (int i = 0; i < whole; i++) {
                order.add(fault);
            }
            assigned += whole;
        }
        List<Fault> byRemainder = new ArrayList<>(exact.keySet());
        byRemainder.sort((a, b) -> Double.compare(exact.get(b), exact.get(a)));
        for (int i = 0; assigned < rest; i++, assigned++) {
            order.add(byRemainder.get(i % byRemainder.size()));
        }
        Collections.shuffle(order, random);
        first.addAll(order);
        return first;
    }

    /** Injects the faults one after another while the users work; stops early (and says so) at {@code deadline}. */
    int inject(List<Fault> order, Instant deadline) throws Exception {
        workload.start();
        Thread.sleep(2000);
        int done = 0;
        for (Fault fault : order) {
            if (Instant.now().isAfter(deadline)) {
                note("stopped injecting at the time limit after " + done + " of " + order.size() + " faults");
                break;
            }
            settle();
            long start = System.nanoTime();
            try {
                if (inject(fault)) {
                    hits.get(fault).incrementAndGet();
                }
            } catch (Exception e) {
                aborted = fault + " failed: " + e.getMessage();
                note("stopped injecting: " + aborted);
                break;
            }
            injected.get(fault).incrementAndGet();
            millis.get(fault).addAndGet((System.nanoTime() - start) / 1_000_000);
            done++;
            if (done % 50 == 0) {
                note(done + " faults injected, " + workload.acknowledged.get() + " messages acknowledged so far");
            }
            Thread.sleep(200 + random.nextInt(600));
        }
        workload.stop();
        return done;
    }

    /**
     * The outbox backs off 2 s doubling to 10 min after each failed delivery; faults in quick
     * succession would soon leave it waiting minutes, and later faults would meet no delivery at all.
     * So before the next fault, while a queued message has failed three times or more (a backoff of
     * 16 s or more), wait (up to 2 min) for the outboxes to get it through.
     */
    private void settle() throws InterruptedException {
        long start = System.nanoTime();
        long giveUp = start + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < giveUp && maxAttempts() >= 3) {
            Thread.sleep(500);
        }
        settleMillis.addAndGet((System.nanoTime() - start) / 1_000_000);
    }

    private int maxAttempts() {
        int max = 0;
        for (String code : CODES) {
            UserApi.Result result = workload.users.get(code).get("/api/exchange/outbox?partner=" + other(code) + "&limit=1000");
            if (result.ok()) {
                for (JsonNode message : result.json()) {
                    if (!message.path("delivered").asBoolean()) {
                        max = Math.max(max, message.path("attempts").asInt());
                    }
                }
            }
        }
        return max;
    }

    /** Waits up to 3 s for bytes to move through the chosen proxies, so that the fault meets traffic. */
    private static void aim(List<TcpProxy> chosen) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until && chosen.stream().noneMatch(p -> p.activeWithin(50))) {
            Thread.sleep(5);
        }
    }

    /** Injects one fault; answers whether it met traffic. */
    private boolean inject(Fault fault) throws Exception {
        switch (fault) {
            case NETWORK_CUT -> {
                List<TcpProxy> chosen = someProxies();
                aim(chosen);
                long before = chosen.stream().mapToLong(p -> p.resets.get()).sum();
                network(chosen, TcpProxy.Mode.DROP, 200 + random.nextInt(1300));
                return chosen.stream().mapToLong(p -> p.resets.get()).sum() > before;
            }
            case NETWORK_STALL -> {
                List<TcpProxy> chosen = someProxies();
                aim(chosen);
                long before = chosen.stream().mapToLong(p -> p.stalledChunks.get()).sum();
                network(chosen, TcpProxy.Mode.STALL, 300 + random.nextInt(2700));
                return chosen.stream().mapToLong(p -> p.stalledChunks.get()).sum() > before;
            }
            case REPLY_LOST -> {
                List<TcpProxy> chosen = someProxies();
                aim(chosen);
                long before = chosen.stream().mapToLong(p -> p.repliesLost.get()).sum();
                chosen.forEach(p -> p.set(TcpProxy.Mode.LOSE_REPLIES));
                long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
                while (System.nanoTime() < until && chosen.stream().mapToLong(p -> p.repliesLost.get()).sum() == before) {
                    Thread.sleep(20);
                }
                chosen.forEach(p -> p.set(TcpProxy.Mode.PASS));
                return chosen.stream().mapToLong(p -> p.repliesLost.get()).sum() > before;
            }
            case DATABASE_RESTART -> {
                boolean immediate = random.nextBoolean();
                FaultsPostgres.restart(immediate);
                note("database restarted (" + (immediate ? "immediate" : "fast") + ")");
                return true;
            }
            case KILL_SENDER, KILL_RECEIVER -> {
                String sender = CODES.get(random.nextInt(2));
                String victim = fault == Fault.KILL_SENDER ? sender : other(sender);
                workload.burst(sender, 20 + random.nextInt(20));
                Thread.sleep(random.nextInt(1500));
                NodeProcess node = nodes.get(victim);
                workload.pause(victim);
                node.kill();
                note("kill -9 " + victim + " during " + sender + "'s burst");
                Thread.sleep(random.nextInt(2000));
                restart(node);
                workload.resume(victim);
                return true;
            }
            case PARTNER_DOWN -> {
                String down = CODES.get(random.nextInt(2));
                NodeProcess node = nodes.get(down);
                workload.pause(down);
                node.stop();
                long downFor = 10_000 + random.nextInt(15_000);
                note(down + " stopped for " + downFor / 1000 + " s while " + other(down) + " sends");
                Thread.sleep(downFor);
                restart(node);
                workload.resume(down);
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    private void restart(NodeProcess node) throws Exception {
        node.start();
        node.awaitHealthy(Duration.ofMinutes(10));
    }

    private static void network(List<TcpProxy> chosen, TcpProxy.Mode mode, long forMillis) throws InterruptedException {
        chosen.forEach(p -> p.set(mode));
        Thread.sleep(forMillis);
        chosen.forEach(p -> p.set(TcpProxy.Mode.PASS));
    }

    /** One direction or both. */
    private List<TcpProxy> someProxies() {
        int pick = random.nextInt(3);
        return pick == 2 ? List.copyOf(proxies.values()) : List.of(proxies.get(CODES.get(pick)));
    }

    /** Heals everything: proxies pass, the database and both nodes are up. */
    void heal() throws Exception {
        proxies.values().forEach(p -> p.set(TcpProxy.Mode.PASS));
        FaultsPostgres.start();
        for (NodeProcess node : nodes.values()) {
            if (!node.alive()) {
                restart(node);
            }
            node.awaitHealthy(Duration.ofMinutes(2));
        }
    }

    /** What the final reading found. */
    static final class Findings {
        final Map<String, Long> acknowledgedByKind = new TreeMap<>();
        long acknowledgedMessages;
        long cases;
        final List<String> lost = new ArrayList<>();
        final List<String> duplicated = new ArrayList<>();
        final List<String> disagreements = new ArrayList<>();
        final List<String> refusedByReceiver = new ArrayList<>();
        /** Messages no user sent that both nodes set aside alike (not a loss; reported for what they say). */
        final List<String> setAsideByBoth = new ArrayList<>();
        long unansweredButStored;
        long undelivered;

        boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty() && disagreements.isEmpty() && refusedByReceiver.isEmpty() && undelivered == 0;
        }

        int problems() {
            return lost.size() + duplicated.size() + disagreements.size() + refusedByReceiver.size();
        }
    }

    /** Waits (up to {@code within}) until both outboxes are empty and every acknowledged message has arrived; returns how long it took. */
    Duration drain(Duration within) throws Exception {
        Instant start = Instant.now();
        Instant giveUp = start.plus(within);
        Instant lastSaid = Instant.EPOCH;
        while (Instant.now().isBefore(giveUp)) {
            if (undelivered() == 0) {
                // the receiver hands a message to its module just after the inbox commits: give it a moment
                Thread.sleep(2000);
                Findings findings = verify();
                if (findings.problems() == 0) {
                    return Duration.between(start, Instant.now());
                }
                if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 30) {
                    lastSaid = Instant.now();
                    note("outboxes empty, but still " + findings.problems() + " problem(s), e.g. " + java.util.stream.Stream.of(
                            findings.lost, findings.duplicated, findings.disagreements, findings.refusedByReceiver)
                            .flatMap(List::stream).limit(3).toList());
                }
            }
            Thread.sleep(3000);
        }
        note("the outboxes did not drain within " + within + ": " + undelivered() + " message(s) still queued");
        return Duration.between(start, Instant.now());
    }

    /** Messages still queued in either outbox (read through {@code GET /api/exchange/outbox}). */
    long undelivered() {
        long count = 0;
        for (String code : CODES) {
            UserApi.Result result = workload.users.get(code).get("/api/exchange/outbox?partner=" + other(code) + "&limit=1000");
            if (!result.ok()) {
                return Long.MAX_VALUE;
            }
            for (JsonNode message : result.json()) {
                if (!message.path("delivered").asBoolean()) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Reads every case at both nodes and checks exactly-once and agreement. */
    Findings verify() {
        Findings findings = new Findings();
        findings.undelivered = undelivered();
        Map<String, Map<Workload.Type, List<JsonNode>>> lists = new HashMap<>();
        for (String code : CODES) {
            Map<Workload.Type, List<JsonNode>> byType = new EnumMap<>(Workload.Type.class);
            for (Workload.Type type : Workload.Type.values()) {
                UserApi.Result result = workload.users.get(code).read(type.path);
                if (!result.ok()) {
                    findings.disagreements.add(code + " could not list " + type.path + ": " + result.status() + " " + result.error());
                    continue;
                }
                List<JsonNode> all = new ArrayList<>();
                result.json().forEach(all::add);
                byType.put(type, all);
            }
            lists.put(code, byType);
        }
        // every case either node holds, by id, with how often it appears at each node
        for (Workload.Type type : Workload.Type.values()) {
            Map<String, Map<String, List<JsonNode>>> byId = new HashMap<>();
            for (String code : CODES) {
                for (JsonNode item : lists.get(code).getOrDefault(type, List.of())) {
                    String id = type == Workload.Type.NOTICE ? item.path("notice").path("id").asString() : item.path(type.idField).asString();
                    byId.computeIfAbsent(id, k -> new HashMap<>()).computeIfAbsent(code, k -> new ArrayList<>()).add(item);
                }
            }
            for (var entry : byId.entrySet()) {
                String id = entry.getKey();
                if (type == Workload.Type.NOTICE && !id.startsWith("fc-")) {
                    continue;
                }
                Workload.Case known = workload.cases.get(id);
                for (String code : CODES) {
                    int n = entry.getValue().getOrDefault(code, List.of()).size();
                    if (n > 1) {
                        findings.duplicated.add(type + " " + id + " listed " + n + " times at " + code);
                    }
                    if (n == 0) {
                        findings.lost.add(type + " " + id + " (" + (known == null ? "not acknowledged to its user" : known)
                                + ") is missing at " + code);
                    }
                }
                if (known == null) {
                    findings.unansweredButStored++;
                }
                if (entry.getValue().size() == 2 && type != Workload.Type.NOTICE) {
                    compare(type, id, entry.getValue().get("PK").get(0), entry.getValue().get("IR").get(0), known, findings);
                } else if (entry.getValue().size() == 2) {
                    compareNotices(id, entry.getValue().get("PK").get(0), entry.getValue().get("IR").get(0), known, findings);
                }
            }
            // every acknowledged case must be listed at both
            for (Workload.Case known : workload.cases.values()) {
                if (known.type == type && !byId.containsKey(known.id)) {
                    findings.lost.add(known + " (acknowledged) is missing at both nodes");
                }
            }
        }
        for (Workload.Case known : workload.cases.values()) {
            findings.cases++;
            findings.acknowledgedMessages += known.acknowledged.size();
        }
        return findings;
    }

    private static void compare(Workload.Type type, String id, JsonNode atPk, JsonNode atIr, Workload.Case known, Findings findings) {
        List<String> pkIds = ids(atPk);
        List<String> irIds = ids(atIr);
        for (var side : Map.of("PK", pkIds, "IR", irIds).entrySet()) {
            if (side.getValue().size() != new java.util.HashSet<>(side.getValue()).size()) {
                findings.duplicated.add(type + " " + id + " at " + side.getKey() + " holds a message twice: " + side.getValue());
            }
        }
        if (known != null) {
            synchronized (known.acknowledged) {
                for (String message : known.acknowledged) {
                    for (var side : Map.of("PK", pkIds, "IR", irIds).entrySet()) {
                        long n = side.getValue().stream().filter(message::equals).count();
                        if (n == 0) {
                            findings.lost.add("message " + message + " of " + known + " (acknowledged) is missing at " + side.getKey());
                        } else if (n > 1) {
                            findings.duplicated.add("message " + message + " of " + known + " is held " + n + " times at " + side.getKey());
                        }
                    }
                }
            }
        }
        if (!pkIds.equals(irIds)) {
            findings.disagreements.add(type + " " + id + ": PK holds " + pkIds + ", IR holds " + irIds);
        } else if (!atPk.path("state").asString("").equals(atIr.path("state").asString(""))) {
            findings.disagreements.add(type + " " + id + ": state " + atPk.path("state") + " at PK, " + atIr.path("state") + " at IR");
        }
        // A message set aside (refused or waiting) is a loss if a user was told it went, or if only one node set it aside.
        // One both nodes set aside alike, which no user sent (e.g. an escalation the node made itself), is reported apart.
        for (String field : List.of("refused", "waiting")) {
            JsonNode pkSide = atPk.path(field);
            JsonNode irSide = atIr.path(field);
            boolean same = pkSide.equals(irSide);
            for (var side : Map.of("PK", pkSide, "IR", irSide).entrySet()) {
                for (JsonNode entry : side.getValue()) {
                    String message = entry.path("id").asString();
                    boolean ours = known != null && known.acknowledged.contains(message);
                    String line = type + " " + id + " at " + side.getKey() + " " + field + ": " + Workload.abbreviate(entry.toString());
                    if (ours || !same) {
                        findings.refusedByReceiver.add(line);
                    } else if (side.getKey().equals("PK")) {
                        findings.setAsideByBoth.add(line);
                    }
                }
            }
        }
    }

    private static void compareNotices(String id, JsonNode atPk, JsonNode atIr, Workload.Case known, Findings findings) {
        String pkVersion = atPk.path("stixId").asString() + "@" + atPk.path("version").asString();
        String irVersion = atIr.path("stixId").asString() + "@" + atIr.path("version").asString();
        if (!pkVersion.equals(irVersion)) {
            findings.disagreements.add("NOTICE " + id + ": PK holds " + pkVersion + ", IR holds " + irVersion);
        }
        JsonNode received = "SENT".equals(atPk.path("direction").asString()) ? atIr : atPk;
        if (!received.path("accepted").asBoolean()) {
            findings.refusedByReceiver.add("NOTICE " + id + " was not accepted by its receiver: " + Workload.abbreviate(received.toString()));
        }
        if (known != null && !known.acknowledged.contains(atPk.path("stixId").asString())) {
            findings.disagreements.add("NOTICE " + id + " acknowledged as " + known.acknowledged + " but held as " + atPk.path("stixId"));
        }
    }

    private static List<String> ids(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("history").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    void note(String line) {
        String stamped = Instant.now() + " " + line;
        log.add(stamped);
        System.out.println("[faults] " + line);
    }

    /** The run in a few lines of Markdown, for BENCHMARKS.md and the failure message. */
    String report(int planned, int done, Duration injecting, Duration drained, Findings findings, String load) {
        StringBuilder out = new StringBuilder();
        long total = injected.values().stream().mapToLong(AtomicLong::get).sum();
        out.append("seed ").append(seed).append(", ").append(done).append(" of ").append(planned).append(" faults injected in ")
                .append(injecting.toSeconds()).append(" s, outboxes drained in ").append(drained.toSeconds()).append(" s; ")
                .append(load).append("\n\n");
        if (aborted != null) {
            out.append("injecting stopped early: ").append(Workload.abbreviate(aborted)).append("\n\n");
        }
        out.append("| fault | injected | share | met traffic | time spent (s) |\n| --- | --- | --- | --- | --- |\n");
        for (Fault fault : Fault.values()) {
            long n = injected.get(fault).get();
            out.append("| ").append(fault).append(" | ").append(n).append(" | ")
                    .append(total == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * n / total)).append(" | ")
                    .append(hits.get(fault).get()).append(" | ").append(millis.get(fault).get() / 1000).append(" |\n");
        }
        out.append("\nwaiting between faults for the outboxes to get past a backoff of 16 s or more: ")
                .append(settleMillis.get() / 1000).append(" s\n");
        out.append("\nproxies: ");
        proxies.forEach((code, p) -> out.append("to ").append(code).append(": ").append(p.connections.get()).append(" connections, ")
                .append(p.resets.get()).append(" reset, ").append(p.repliesLost.get()).append(" replies lost; "));
        out.append("node starts: ");
        nodes.forEach((code, n) -> out.append(code).append(" ").append(n.starts).append(" "));
        out.append("\n\nwhat the users did (outcome counts):\n\n");
        new TreeMap<>(workload.counts).forEach((k, v) -> out.append("- ").append(k).append(": ").append(v.get()).append("\n"));
        out.append("\nacknowledged: ").append(findings.acknowledgedMessages).append(" messages in ").append(findings.cases)
                .append(" cases; cases no user was told of (no answer, or made by a node itself) but held by both: ").append(findings.unansweredButStored).append(" cases\n");
        out.append("lost: ").append(findings.lost.size()).append(", duplicated: ").append(findings.duplicated.size())
                .append(", disagreeing: ").append(findings.disagreements.size()).append(", refused or waiting at a node: ")
                .append(findings.refusedByReceiver.size()).append(", still queued: ").append(findings.undelivered).append("\n");
        for (List<String> list : List.of(findings.lost, findings.duplicated, findings.disagreements, findings.refusedByReceiver)) {
            list.stream().limit(20).forEach(line -> out.append("  - ").append(line).append("\n"));
        }
        if (!findings.setAsideByBoth.isEmpty()) {
            out.append("messages no user sent, set aside alike by both nodes (not a loss): ").append(findings.setAsideByBoth.size())
                    .append(", e.g.\n");
            findings.setAsideByBoth.stream().limit(3).forEach(line -> out.append("  - ").append(line).append("\n"));
        }
        if (!workload.apiRefusals.isEmpty()) {
            out.append("\nAPI refusals (first 20):\n");
            synchronized (workload.apiRefusals) {
                workload.apiRefusals.stream().limit(20).forEach(line -> out.append("  - ").append(line).append("\n"));
            }
        }
        return out.toString();
    }

    void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n\nlog:\n" + String.join("\n", log) + "\n", StandardCharsets.UTF_8);
    }

    interface PerNode {
        void run(String code) throws Exception;
    }

    private static void parallel(PerNode work) throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (String code : CODES) {
            futures.add(CompletableFuture.runAsync(() -> {
                try {
                    work.run(code);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        for (NodeProcess node : nodes.values()) {
            try {
                node.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        proxies.values().forEach(TcpProxy::close);
    }
}
