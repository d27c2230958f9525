package org.concord.node;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The counter {@code concord.escalations} (tags {@code module}, {@code level}): every escalation this
 * node raises, counted once its transaction commits. Each module that escalates (requests, hotline,
 * commitments, deconfliction) calls {@link #raised} where it records the escalation; the counters of
 * every module and level exist from the start at zero, so that {@code increase()} sees the first one.
 */
@Component
public class Escalations {

    /** The modules that escalate, and the rungs an escalation can reach (workflow.EscalationLevel above the first). */
    static final List<String> MODULES = List.of("requests", "hotline", "commitments", "deconfliction");
    static final List<String> LEVELS = List.of("SECURITY_CHIEFS", "JOINT_COORDINATION_MECHANISM");

    private final MeterRegistry registry;

    public Escalations(MeterRegistry registry) {
        this.registry = registry;
        for (String module : MODULES) {
            for (String level : LEVELS) {
                counter(module, level);
            }
        }
    }

    /** Counts one escalation of {@code module} to {@code level}, after the surrounding transaction commits (at once without one). */
    public void raised(String module, Enum<?> level) {
        Counter counter = counter(module, level.name());
        AfterCommit.run(counter::increment);
    }

    private Counter counter(String module, String level) {
        return Counter.builder("concord.escalations").description("escalations this node raised after a missed deadline")
                .tag("module", module.toLowerCase(Locale.ROOT)).tag("level", level).register(registry);
    }
}
