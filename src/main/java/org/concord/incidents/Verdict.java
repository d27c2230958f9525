package org.concord.incidents;

/** The answer to one claim. */
public enum Verdict {
    /** We agree it is so. */
    CONFIRM,
    /** We say it is not so; evidence references are required. */
    DISPUTE,
    /** We do not know (yet); may be followed by CONFIRM or DISPUTE. */
    UNKNOWN
}
