package org.concord.hotline;

import java.util.Objects;

/** What a message does to a call: the next state, or a refusal (the call unchanged). */
public sealed interface HotlineTransition {

    record Next(HotlineCall state) implements HotlineTransition {
        public Next {
            Objects.requireNonNull(state, "state");
        }
    }

    record Refused(HotlineRefusal refusal) implements HotlineTransition {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static HotlineTransition refused(HotlineRefusal.Rule rule, String field, String explanation) {
        return new Refused(new HotlineRefusal(rule, field, explanation));
    }
}
