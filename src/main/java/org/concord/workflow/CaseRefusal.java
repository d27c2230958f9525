package org.concord.workflow;

/**
 * What the engine needs of a refusal, whichever workflow type's rules gave it: the rule broken, the
 * field at fault as the STIX object names it (e.g. {@code proposal.kind}), and one line for the
 * officer. Each type keeps its own refusal record with its own enum of rules; the engine reads them
 * through this interface (the REST mapping, the case view, the inbox check).
 */
public interface CaseRefusal {

    /** The rule broken, one of the type's own rules. */
    Enum<?> rule();

    /** The rule's name, e.g. {@code TERMS_CHANGED}. */
    default String ruleName() {
        return rule().name();
    }

    /** The field at fault as the STIX object names it, or {@code type} when the message as a whole is out of place. */
    String field();

    /** One line an officer can act on. */
    String explanation();

    /** What every refusal has: a rule, a field and an explanation; for the records' constructors. */
    static void requireAll(Enum<?> rule, String field, String explanation) {
        java.util.Objects.requireNonNull(rule, "rule");
        java.util.Objects.requireNonNull(field, "field");
        java.util.Objects.requireNonNull(explanation, "explanation");
    }
}
