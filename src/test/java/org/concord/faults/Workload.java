package org.concord.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.concord.demo.January2024;

import tools.jackson.databind.JsonNode;

/**
 * What the users of both nodes do while faults are injected: each node's liaison officer opens
 * cases of every kind with the partner (hotline calls of every priority, requests for action,
 * incident reports, commitments, deconfliction notices) and answers the partner's (acknowledges a
 * call, acknowledges a request, answers a claim, agrees to a commitment). Every call's fate is
 * written down: a 2xx with an id is <em>acknowledged to the user</em>, and each such message must in
 * the end exist exactly once at both nodes; a call that got no answer may or may not have happened.
 */
final class Workload {

    enum Type {
        HOTLINE("/api/hotline/calls", "callId"),
        REQUEST("/api/requests", "caseId"),
        INCIDENT("/api/incidents", "incidentId"),
        COMMITMENT("/api/commitments", "commitmentId"),
        NOTICE("/api/deconfliction/notices", null);

        final String path;
        final String idField;

        Type(String path, String idField) {
            this.path = path;
            this.idField = idField;
        }
    }

    /** One case (a call, a request, an incident, a commitment, a notice) and the messages acknowledged in it. */
    static final class Case {
        final Type type;
        final String id;
        final String origin;
        final String receiver;
        final String detail;
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        volatile int replyTries;

        Case(Type type, String id, String origin, String receiver, String detail) {
            this.type = type;
            this.id = id;
            this.origin = origin;
            this.receiver = receiver;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return type + " " + id + " " + origin + "->" + receiver + (detail == null ? "" : " " + detail);
        }
    }

    /** Counts of what users did and got, by "TYPE open|reply FROM->TO" and outcome. */
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    final Map<String, Case> cases = new ConcurrentHashMap<>();
    final List<String> apiRefusals = Collections.synchronizedList(new ArrayList<>());
    final Map<String, UserApi> users;
    private final Map<String, ConcurrentLinkedQueue<Case>> toAnswer = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> burst = new ConcurrentHashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final long seed;
    private volatile boolean running;
    final AtomicLong acknowledged = new AtomicLong();

    Workload(Map<String, UserApi> users, long seed) {
        this.users = users;
        this.seed = seed;
        for (String code : users.keySet()) {
            toAnswer.put(code, new ConcurrentLinkedQueue<>());
            burst.put(code, new AtomicInteger());
        }
    }

    void start() {
        running = true;
        int i = 0;
        for (String code : users.keySet()) {
            long threadSeed = seed * 31 + i++;
            Thread thread = new Thread(() -> loop(code, new Random(threadSeed)), "workload-" + code);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    /** The next {@code n} actions of {@code code}'s user follow each other without a pause. */
    void burst(String code, int n) {
        burst.get(code).set(n);
    }

    /** While a node is down on purpose its user waits instead of hammering a closed port. */
    void pause(String code) {
        paused.add(code);
    }

    void resume(String code) {
        paused.remove(code);
    }

    private String partnerOf(String code) {
        return users.keySet().stream().filter(c -> !c.equals(code)).findFirst().orElseThrow();
    }

    private void loop(String code, Random random) {
        while (running) {
            try {
                if (paused.contains(code)) {
                    Thread.sleep(100);
                    continue;
                }
                boolean failed;
                Case pending = random.nextInt(100) < 45 ? toAnswer.get(code).poll() : null;
                if (pending != null) {
                    failed = !answer(code, pending);
                } else {
                    failed = !open(code, Type.values()[random.nextInt(Type.values().length)], random);
                }
                AtomicInteger remaining = burst.get(code);
                if (remaining.get() > 0) {
                    remaining.decrementAndGet();
                } else {
                    Thread.sleep(failed ? 250 : 60 + random.nextInt(120));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                count("workload error " + e.getClass().getSimpleName());
                apiRefusals.add(code + ": " + e);
            }
        }
    }

    private boolean open(String code, Type type, Random random) {
        String partner = partnerOf(code);
        UserApi user = users.get(code);
        String label = type + " open " + code + "->" + partner;
        String detail = null;
        String body;
        String noticeId = null;
        switch (type) {
            case HOTLINE -> {
                String priority = List.of("ROUTINE", "PRIORITY", "FLASH").get(random.nextInt(3));
                detail = priority;
                label = type + " " + priority + " " + code + "->" + partner;
                body = """
                        {"from":{"name":"Duty officer %s","post":"DGMO office"},"addressee":"%s",
                         "to":{"name":"Duty officer %s","post":"Operations"},"priority":"%s","text":"fault campaign call %d"}"""
                        .formatted(code, partner, partner, priority, random.nextInt(1_000_000));
            }
            case REQUEST -> body = """
                    {"addressee":"%s","targets":["%s"],"action":{"kind":"DISMANTLE_HIDEOUT","detail":"the hideout near the border"},
                     "urgency":"URGENT","text":"act instead of us striking (fault campaign %d)"}"""
                    .formatted(partner, January2024.JAISH_AL_ADL, random.nextInt(1_000_000));
            case INCIDENT -> {
                double[] place = ownPlace(code, random);
                body = """
                        {"addressee":"%s","occurredAt":"%s","place":{"type":"Point","coordinates":[%.4f,%.4f]},
                         "incidentType":"CROSS_BORDER_STRIKE","whatHappened":"Shots fired across the border (fault campaign %d).",
                         "claims":[{"ref":"claim-1","statement":"The fire came from across the border."}]}"""
                        .formatted(partner, Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS), place[0],
                                place[1], random.nextInt(1_000_000));
            }
            case COMMITMENT -> body = """
                    {"counterpart":"%s","owner":"%s","what":"Reopen the crossing (fault campaign %d)","dueBy":"%s"}"""
                    .formatted(partner, partner, random.nextInt(1_000_000),
                            Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
            case NOTICE -> {
                double[] place = ownPlace(code, random);
                noticeId = "fc-" + java.util.UUID.randomUUID();
                Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
                body = """
                        {"id":"%s","partner":"%s","type":"BORDER_PATROL",
                         "area":{"centre":{"type":"Point","coordinates":[%.4f,%.4f]},"radiusKm":1},
                         "window":{"start":"%s","end":"%s"},
                         "contact":{"name":"Duty officer","channel":"Concord hotline, desk 2"},"classification":"AMBER_STRICT"}"""
                        .formatted(noticeId, partner, place[0], place[1], start, start.plus(Duration.ofHours(6)));
            }
            default -> throw new IllegalStateException();
        }
        UserApi.Result result = user.post(type.path, body);
        if (result.outcome() == UserApi.Outcome.NOT_CONNECTED) {
            count(label + " not connected");
            return false;
        }
        if (result.outcome() == UserApi.Outcome.NO_ANSWER) {
            count(label + " no answer");
            return false;
        }
        if (!result.ok()) {
            refused(label, result);
            return false;
        }
        JsonNode view = result.json();
        Case opened;
        if (type == Type.NOTICE) {
            opened = new Case(type, noticeId, code, partner, null);
            opened.acknowledged.add(view.path("stixId").asString());
        } else {
            opened = new Case(type, view.path(type.idField).asString(), code, partner, detail);
            String id = newMessage(view, code, opened);
            if (id == null) {
                refused(label + " (no message of ours in the answer)", result);
                return false;
            }
            opened.acknowledged.add(id);
            toAnswer.get(partner).add(opened);
        }
        cases.put(opened.id, opened);
        acknowledged.incrementAndGet();
        count(label + " acknowledged");
        return true;
    }

    /** A point inside the user's own state, well away from the partner's, where nobody's notices conflict. */
    private static double[] ownPlace(String code, Random random) {
        double jitter = (random.nextDouble() - 0.5) * 0.1;
        return "PK".equals(code) ? new double[] {64.094 + jitter, 26.964 + jitter} : new double[] {60.85 + jitter, 29.50 + jitter};
    }

    private boolean answer(String code, Case pending) {
        UserApi user = users.get(code);
        String label = pending.type + " reply " + code + "->" + pending.origin;
        String path;
        String body;
        switch (pending.type) {
            case HOTLINE -> {
                path = "/api/hotline/calls/" + pending.id + "/acknowledge";
                body = "{\"by\":{\"name\":\"Duty officer " + code + "\",\"post\":\"Operations\"}}";
            }
            case REQUEST -> {
                path = "/api/requests/" + pending.id + "/messages";
                body = "{\"messageType\":\"acknowledge\"}";
            }
            case INCIDENT -> {
                path = "/api/incidents/" + pending.id + "/answers";
                body = "{\"claimRef\":\"claim-1\",\"verdict\":\"CONFIRM\",\"text\":\"confirmed\"}";
            }
            case COMMITMENT -> {
                path = "/api/commitments/" + pending.id + "/agree";
                body = "";
            }
            default -> throw new IllegalStateException();
        }
        UserApi.Result result = user.post(path, body);
        if (result.outcome() == UserApi.Outcome.NOT_CONNECTED) {
            toAnswer.get(code).add(pending);
            return false;
        }
        if (result.outcome() == UserApi.Outcome.NO_ANSWER) {
            count(label + " no answer");
            return false;
        }
        if (result.status() == 404 && pending.replyTries++ < 400) {
            // not arrived yet: answer later
            toAnswer.get(code).add(pending);
            return true;
        }
        if (!result.ok()) {
            refused(label, result);
            return false;
        }
        String id = newMessage(result.json(), code, pending);
        if (id == null) {
            refused(label + " (no new message of ours in the answer)", result);
            return false;
        }
        pending.acknowledged.add(id);
        acknowledged.incrementAndGet();
        count(label + " acknowledged");
        return true;
    }

    /** The id of the message {@code sender} just added: in the case's history, by the sender, not yet known. */
    private static String newMessage(JsonNode view, String sender, Case known) {
        for (JsonNode message : view.path("history")) {
            String id = message.path("id").asString();
            if (sender.equals(message.path("sender").asString()) && !known.acknowledged.contains(id)) {
                return id;
            }
        }
        return null;
    }

    private void refused(String label, UserApi.Result result) {
        count(label + " answered " + result.status());
        if (apiRefusals.size() < 200) {
            apiRefusals.add(label + " answered " + result.status() + ": " + abbreviate(result.body()));
        }
    }

    void count(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
