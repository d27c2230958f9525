package org.concord.workflow;

import java.util.Objects;

/**
 * What one message does to a case: it moves it to the next state, or it is refused and the case
 * stays as it was. The one result type of every workflow type's transition function.
 *
 * @param <S> the type's states
 * @param <R> the type's refusals
 */
public sealed interface Step<S, R extends CaseRefusal> {

    /** The case after the message: the next state, or {@code before} when the message was refused. */
    default S stateAfter(S before) {
        return this instanceof Next<S, R> next ? next.state() : before;
    }

    /** The message was applied; {@code state} is the case after it. */
    record Next<S, R extends CaseRefusal>(S state) implements Step<S, R> {
        public Next {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The message was refused; the case is unchanged. */
    record Refused<S, R extends CaseRefusal>(R refusal) implements Step<S, R> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static <S, R extends CaseRefusal> Step<S, R> next(S state) {
        return new Next<>(state);
    }

    static <S, R extends CaseRefusal> Step<S, R> refused(R refusal) {
        return new Refused<>(refusal);
    }
}
