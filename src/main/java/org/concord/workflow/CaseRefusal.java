package org.concord.workflow;

/**
 * What the engine needs of a refusal, whichever workflow type's rules gave it: the rule broken, the
 * field at fault as the STIX object names it (e.g. {@code proposal.kind}), and one line for the
 * officer. Each type keeps its own refusal record with its own enum of rules; the engine reads them
 * through this interface (the REST mapping, the case view, the inbox check).
 */
public interface CaseRefusal {

    /** The rule broken, e.g. {@code TERMS_CHANGED}. */
    String ruleName();

    /** The field at fault as the STIX object names it, or {@code type} when the message as a whole is out of place. */
    String field();

    /** One line an officer can act on. */
    String explanation();
}
