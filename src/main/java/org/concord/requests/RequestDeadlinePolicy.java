package org.concord.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.concord.workflow.Deadline;
import org.concord.workflow.DueEscalation;
import org.concord.workflow.Durations;
import org.concord.workflow.EscalationClock;

/**
 * The deadlines of a request for action, by urgency, and the escalations they make due.
 *
 * <p>Per urgency three periods:
 * <ul>
 *   <li><b>acknowledgement</b> — while {@link Requested}: from the request (or its amendment);</li>
 *   <li><b>answer</b> — while {@link Acknowledged}: from the request, the amendment or the
 *       rejection of a counter-proposal; and while {@link CounterProposed}, the requester's answer
 *       from the counter-proposal;</li>
 *   <li><b>progress</b> — while {@link Accepted}: from the acceptance or the last progress update.</li>
 * </ul>
 * Each deadline restarts from the last escalation. A missed deadline takes the case one rung up
 * ({@link EscalationClock}); a declined or closed case has no deadlines.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>urgency</th><th>acknowledgement</th><th>answer</th><th>progress</th></tr>
 *   <tr><td>ROUTINE</td><td>24 h</td><td>7 days</td><td>7 days</td></tr>
 *   <tr><td>URGENT</td><td>1 h</td><td>24 h</td><td>24 h</td></tr>
 *   <tr><td>IMMEDIATE</td><td>10 min</td><td>2 h</td><td>6 h</td></tr>
 * </table>
 */
public final class RequestDeadlinePolicy {

    public static final String ACKNOWLEDGEMENT = "acknowledgement";
    public static final String ANSWER = "answer";
    public static final String ANSWER_TO_COUNTER_PROPOSAL = "answer to counter-proposal";
    public static final String PROGRESS = "progress report";

    private final Map<Urgency, Periods> periods;

    private RequestDeadlinePolicy(Map<Urgency, Periods> periods) {
        EnumMap<Urgency, Periods> copy = new EnumMap<>(Urgency.class);
        copy.putAll(periods);
        for (Urgency urgency : Urgency.values()) {
            if (!copy.containsKey(urgency)) {
                throw new IllegalArgumentException("no deadlines for urgency " + urgency);
            }
        }
        this.periods = copy;
    }

    public static RequestDeadlinePolicy defaults() {
        Map<Urgency, Periods> periods = new EnumMap<>(Urgency.class);
        periods.put(Urgency.ROUTINE, new Periods(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(7)));
        periods.put(Urgency.URGENT, new Periods(Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(24)));
        periods.put(Urgency.IMMEDIATE,
                new Periods(Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofHours(6)));
        return new RequestDeadlinePolicy(periods);
    }

    /** This policy with other periods for one urgency (e.g. as configured for a partner). */
    public RequestDeadlinePolicy with(Urgency urgency, Periods periods) {
        Map<Urgency, Periods> changed = new EnumMap<>(this.periods);
        changed.put(Objects.requireNonNull(urgency, "urgency"), Objects.requireNonNull(periods, "periods"));
        return new RequestDeadlinePolicy(changed);
    }

    public Periods periods(Urgency urgency) {
        return periods.get(urgency);
    }

    /**
     * The deadline the case runs against, restarted by the last escalation; empty for a declined or
     * closed case. A pure function of the case, so both nodes state the same deadline.
     */
    public Optional<Deadline> deadline(RequestCase state) {
        CaseFile file = state.file();
        Periods p = periods(file.urgency());
        String of = " (" + file.urgency() + " request)";
        if (state instanceof Requested requested) {
            return Optional.of(Deadline.after(ACKNOWLEDGEMENT, file.responder(), file.clockFrom(requested.waitingSince()),
                    p.acknowledgement(), "acknowledgement within " + Durations.readable(p.acknowledgement())
                            + " of the request or its amendment" + of));
        }
        if (state instanceof Acknowledged acknowledged) {
            return Optional.of(Deadline.after(ANSWER, file.responder(), file.clockFrom(acknowledged.answerClockFrom()),
                    p.answer(), "an answer (accept, decline, counter-propose) within " + Durations.readable(p.answer()) + of));
        }
        if (state instanceof CounterProposed counter) {
            return Optional.of(Deadline.after(ANSWER_TO_COUNTER_PROPOSAL, file.requester(), file.clockFrom(counter.proposedAt()),
                    p.answer(), "the requester's answer to the counter-proposal within " + Durations.readable(p.answer()) + of));
        }
        if (state instanceof Accepted accepted) {
            return Optional.of(Deadline.after(PROGRESS, file.responder(), file.clockFrom(accepted.lastReportAt()), p.progress(),
                    "a progress report within " + Durations.readable(p.progress()) + " of the acceptance or the last report" + of));
        }
        return Optional.empty();
    }

    /**
     * The escalations due by {@code now}: empty, one, or several when the node was down across
     * several deadlines (each with the instant it fell due). A pure function of its inputs.
     */
    public List<DueEscalation> due(RequestCase state, Instant now) {
        return deadline(state).map(d -> EscalationClock.due(state.file().level(), d, now)).orElse(List.of());
    }

    /** {@link #due(RequestCase, Instant)} at the clock's instant. */
    public List<DueEscalation> due(RequestCase state, Clock clock) {
        return due(state, clock.instant());
    }

    /**
     * The periods for one urgency.
     *
     * @param acknowledgement how long the responder has to acknowledge
     * @param answer how long the awaited side has to answer (accept, decline, counter-propose; or
     *     answer a counter-proposal)
     * @param progress how long the responder may go without reporting once it accepted
     */
    public record Periods(Duration acknowledgement, Duration answer, Duration progress) {
        public Periods {
            positive(acknowledgement, "acknowledgement");
            positive(answer, "answer");
            positive(progress, "progress");
        }

        private static void positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration: " + d);
            }
        }
    }

    /** The periods per urgency, e.g. for the case index's record of the policy in force. */
    @Override
    public String toString() {
        return "RequestDeadlinePolicy" + periods;
    }
}
