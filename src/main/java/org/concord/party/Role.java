package org.concord.party;


import org.concord.node.InvalidInput;

/** What a person who logs in may do. A partner node is never a user and has none of these. */
public enum Role {
    /** Pairs partners and manages users. */
    ADMIN,
    /** Sends requests for action, operation notices and hotline messages. */
    LIAISON,
    /** Works on intelligence. */
    ANALYST,
    /** Reads, changes nothing. */
    VIEWER;

    public static Role parse(String field, String value) {
        try {
            return Role.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw InvalidInput.notOneOf(field, value, Role.class);
        }
    }

    /** The Spring Security authority, {@code ROLE_ADMIN} and so on. */
    public String authority() {
        return "ROLE_" + name();
    }
}
