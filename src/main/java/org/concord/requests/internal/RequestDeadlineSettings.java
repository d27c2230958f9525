package org.concord.requests.internal;

import java.time.Duration;
import java.util.Map;

import org.concord.requests.RequestDeadlinePolicy;
import org.concord.requests.Urgency;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deadlines of requests for action as configured; any urgency not named keeps the defaults of
 * {@link RequestDeadlinePolicy#defaults()}.
 *
 * <pre>
 * concord:
 *   requests:
 *     deadlines:
 *       URGENT: { acknowledgement: PT30M, answer: PT12H, progress: PT24H }
 * </pre>
 */
@ConfigurationProperties("concord.requests")
record RequestDeadlineSettings(Map<Urgency, Periods> deadlines) {

    record Periods(Duration acknowledgement, Duration answer, Duration progress) {
    }

    RequestDeadlinePolicy policy() {
        RequestDeadlinePolicy policy = RequestDeadlinePolicy.defaults();
        if (deadlines != null) {
            for (Map.Entry<Urgency, Periods> e : deadlines.entrySet()) {
                RequestDeadlinePolicy.Periods d = policy.periods(e.getKey());
                Periods p = e.getValue();
                policy = policy.with(e.getKey(), new RequestDeadlinePolicy.Periods(
                        p.acknowledgement() != null ? p.acknowledgement() : d.acknowledgement(),
                        p.answer() != null ? p.answer() : d.answer(),
                        p.progress() != null ? p.progress() : d.progress()));
            }
        }
        return policy;
    }
}
