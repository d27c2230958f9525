package org.concord.requests;

import java.util.Objects;

/** What a message does to a case: it moves it to the next state, or it is refused. */
public sealed interface Transition {

    /** The next state, or the state before the message when it was refused. */
    RequestCase stateAfter(RequestCase before);

    /** The message was applied. */
    record Next(RequestCase state) implements Transition {
        public Next {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public RequestCase stateAfter(RequestCase before) {
            return state;
        }
    }

    /** The message was refused; the case is unchanged. */
    record Refused(Refusal refusal) implements Transition {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public RequestCase stateAfter(RequestCase before) {
            return before;
        }
    }

    static Transition refused(Refusal.Rule rule, String field, String explanation) {
        return new Refused(Refusal.of(rule, field, explanation));
    }
}
