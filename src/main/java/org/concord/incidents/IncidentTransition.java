package org.concord.incidents;

import java.util.Objects;

/** What a message does to an incident: the next state, or a refusal (the incident unchanged). */
public sealed interface IncidentTransition {

    record Next(Incident state) implements IncidentTransition {
        public Next {
            Objects.requireNonNull(state, "state");
        }
    }

    record Refused(IncidentRefusal refusal) implements IncidentTransition {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static IncidentTransition refused(IncidentRefusal.Rule rule, String field, String explanation) {
        return new Refused(new IncidentRefusal(rule, field, explanation));
    }
}
