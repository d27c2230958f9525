package org.concord.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field names as a REST caller writes them. The workflow rules name fields by their STIX property
 * ({@code claim_ref}, {@code findings_ref}), because that is what a partner's message carries; the
 * REST API's bodies, answers and errors are camelCase ({@code claimRef}), so an error of the REST API
 * names the field in camelCase. Where the caller sends STIX itself (the TAXII server under
 * {@code /taxii2}, intel import and queries under {@code /api/intel}) the STIX names are what it
 * wrote, and are kept.
 */
final class FieldNames {

    private static final Pattern SNAKE = Pattern.compile("_([a-z0-9])");

    private FieldNames() {
    }

    /** {@code claim_ref} → {@code claimRef}, {@code proposal.to_level} → {@code proposal.toLevel}; others unchanged. */
    static String camel(String field) {
        if (field == null || field.indexOf('_') < 0) {
            return field;
        }
        Matcher m = SNAKE.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The field as the caller of {@code path} wrote it: camelCase for the REST API, unchanged where STIX is spoken. */
    static String asSent(String path, String field) {
        return stix(path) ? field : camel(field);
    }

    /** Paths whose callers send and read STIX, with its snake_case property names. */
    static boolean stix(String path) {
        return ProblemDocument.taxii(path) || path != null && (path.equals("/api/intel") || path.startsWith("/api/intel/"));
    }
}
