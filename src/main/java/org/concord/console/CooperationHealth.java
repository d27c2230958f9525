package org.concord.console;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.concord.workflow.CaseView;

/**
 * Cooperation health: how each side answers the other, per month, computed from the cases this node
 * holds (their applied messages, {@link CaseView#history()}, which both nodes hold alike), nothing
 * else.
 *
 * <ul>
 * <li><b>Side.</b> {@link Side#US_TO_PARTNER}: the cases this node opened (its requests, calls,
 * incident reports, proposed commitments) and how the partner answered them;
 * {@link Side#PARTNER_TO_US}: the partner's cases and how this node answered. A case counts in the
 * month (UTC) of its opening message.</li>
 * <li><b>Time to acknowledge</b>: from the opening message to the answering side's first
 * acknowledgement or answer ({@link #ACKNOWLEDGING}); <b>time to answer</b>: to its first answer
 * ({@link #ANSWERING}: accept, decline, counter-propose, a claim's answer, agreement; a call has
 * none). Median (the middle value, or the mean of the two middle ones) and 90th percentile (nearest
 * rank) over the cases of the month that have one.</li>
 * <li><b>Requests accepted, declined, countered</b>: the answering side's first decision on each request.</li>
 * <li><b>Deadlines missed</b>: escalations. A node escalates only when the other side owes and its
 * deadline has passed, one rung per missed deadline; so an escalation this node sent is a deadline the
 * partner missed (counted under {@code US_TO_PARTNER}), and one the partner sent is a deadline this
 * node missed ({@code PARTNER_TO_US}), in the month of the escalation.</li>
 * <li><b>Incidents settled</b>: state {@code Settled}; <b>disputed</b>: not settled, and at least one
 * claim answered {@code DISPUTE}; by who reported them.</li>
 * </ul>
 */
final class CooperationHealth {

    /** The messages that acknowledge a case: an acknowledgement, or any answer (which acknowledges by itself). */
    static final Set<String> ACKNOWLEDGING = Set.of("acknowledge", "accept", "decline", "counter_propose", "answer_claim", "agree",
            "propose_findings");
    /** The messages that answer a case. */
    static final Set<String> ANSWERING = Set.of("accept", "decline", "counter_propose", "answer_claim", "agree");

    private CooperationHealth() {
    }

    /** Who asked whom. */
    enum Side {
        US_TO_PARTNER("us → partner", "our cases, the partner's answers"),
        PARTNER_TO_US("partner → us", "the partner's cases, our answers");

        final String label;
        final String meaning;

        Side(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        public String label() {
            return label;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** A duration statistic over {@code count} cases; median and p90 are {@code null} when count is 0. */
    record Stat(int count, Duration median, Duration p90) {

        static Stat of(List<Duration> values) {
            if (values.isEmpty()) {
                return new Stat(0, null, null);
            }
            List<Duration> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
            Duration p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
            return new Stat(n, median, p90);
        }
    }

    /** The figures of one month and side. */
    record Figures(String month, Side side, int cases, Stat acknowledge, Stat answer, int accepted, int declined, int countered,
            int deadlinesMissed, int incidentsSettled, int incidentsDisputed) {
    }

    /** Every month with any figure, oldest first, each with both sides. */
    record Report(List<String> months, Map<String, Map<Side, Figures>> byMonth) {

        Figures of(String month, Side side) {
            return byMonth.get(month).get(side);
        }

        /** Every month's figures, newest month first, us → partner before partner → us. */
        List<Figures> rows() {
            List<Figures> rows = new ArrayList<>();
            for (int i = months.size() - 1; i >= 0; i--) {
                rows.addAll(byMonth.get(months.get(i)).values());
            }
            return rows;
        }
    }

    /** Gathers one month and side while reading the cases. */
    private static final class Tally {
        int cases;
        final List<Duration> acknowledge = new ArrayList<>();
        final List<Duration> answer = new ArrayList<>();
        int accepted;
        int declined;
        int countered;
        int missed;
        int settled;
        int disputed;
    }

    /** The figures of {@code cases} as held by the node of party {@code self}. */
    static Report of(List<CaseView> cases, String self) {
        Map<String, Map<Side, Tally>> tallies = new TreeMap<>();
        for (CaseView c : cases) {
            List<CaseView.MessageView> history = c.history();
            if (history == null || history.isEmpty()) {
                continue;
            }
            CaseView.MessageView opening = history.get(0);
            Instant opened = Instant.parse(opening.sentAt());
            String asker = opening.sender();
            Side side = self.equals(asker) ? Side.US_TO_PARTNER : Side.PARTNER_TO_US;
            Tally t = tally(tallies, month(opened), side);
            t.cases++;
            boolean acknowledged = false;
            boolean answered = false;
            for (CaseView.MessageView m : history.subList(1, history.size())) {
                String type = m.messageType();
                if ("escalate".equals(type)) {
                    tally(tallies, month(Instant.parse(m.sentAt())), self.equals(m.sender()) ? Side.US_TO_PARTNER : Side.PARTNER_TO_US)
                            .missed++;
                    continue;
                }
                if (Objects.equals(m.sender(), asker)) {
                    continue;
                }
                Duration after = Duration.between(opened, Instant.parse(m.sentAt()));
                if (!acknowledged && ACKNOWLEDGING.contains(type)) {
                    acknowledged = true;
                    t.acknowledge.add(after);
                }
                if (!answered && ANSWERING.contains(type)) {
                    answered = true;
                    t.answer.add(after);
                    if ("request".equals(c.type())) {
                        switch (type) {
                            case "accept" -> t.accepted++;
                            case "decline" -> t.declined++;
                            case "counter_propose" -> t.countered++;
                            default -> { }
                        }
                    }
                }
            }
            if ("incident".equals(c.type())) {
                if ("Settled".equals(c.state())) {
                    t.settled++;
                } else if (disputed(c)) {
                    t.disputed++;
                }
            }
        }
        Map<String, Map<Side, Figures>> byMonth = new TreeMap<>();
        tallies.forEach((month, sides) -> {
            Map<Side, Figures> figures = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                Tally t = sides.get(side);
                figures.put(side, new Figures(month, side, t.cases, Stat.of(t.acknowledge), Stat.of(t.answer), t.accepted, t.declined,
                        t.countered, t.missed, t.settled, t.disputed));
            }
            byMonth.put(month, figures);
        });
        return new Report(List.copyOf(byMonth.keySet()), byMonth);
    }

    private static boolean disputed(CaseView c) {
        Object answers = c.details().get("answers");
        if (answers instanceof Map<?, ?> map) {
            for (Object answer : map.values()) {
                if (answer instanceof Map<?, ?> a && "DISPUTE".equals(String.valueOf(a.get("verdict")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Tally tally(Map<String, Map<Side, Tally>> tallies, String month, Side side) {
        return tallies.computeIfAbsent(month, m -> {
            Map<Side, Tally> sides = new EnumMap<>(Side.class);
            for (Side s : Side.values()) {
                sides.put(s, new Tally());
            }
            return sides;
        }).get(side);
    }

    static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    /** A duration as people read it: {@code 42 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}; {@code —} for none. */
    static String readable(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 || s >= 600 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
        }
        return (s / 86_400) + " d" + ((s % 86_400) / 3600 == 0 ? "" : " " + (s % 86_400) / 3600 + " h");
    }
}
