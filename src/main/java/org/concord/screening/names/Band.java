package org.concord.screening.names;

/** What a score means to an officer: the same name, one to look at, or another name. */
public enum Band {
    MATCH, REVIEW, NO_MATCH
}
