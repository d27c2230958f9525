package org.concord.deconfliction;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.concord.node.InvalidInput;

/**
 * A flagged conflict's identifier, {@code conflict--<uuid>}. Both nodes flag the same conflict
 * (the sender on sending its notice, the partner on receiving it) from the same three facts, the
 * notice, the kind ({@code operation} or {@code protected-site}) and the other notice's id or the
 * site's name, so the id is a name-based UUID of them and both nodes name the conflict alike.
 */
public record ConflictId(String value) {

    private static final Pattern FORM = Pattern.compile("conflict--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ConflictId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInput("id", "conflict-id", "a conflict id has the form conflict--<uuid>, got '"
                    + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'");
        }
    }

    /** The id of the conflict between {@code notice} and the other party's notice or site {@code otherRef}. */
    public static ConflictId of(String notice, String kind, String otherRef) {
        return of(notice, 1, kind, otherRef);
    }

    /**
     * The id of the conflict between revision {@code revision} of {@code notice} and the other party's notice or
     * site {@code otherRef}. A revised notice that still overlaps the same site is a new conflict, answered again;
     * the first revision keeps the name it had before notices could be revised.
     */
    public static ConflictId of(String notice, int revision, String kind, String otherRef) {
        String name = "concord-conflict|" + notice + (revision > 1 ? "#" + revision : "") + "|" + kind + "|" + otherRef;
        return new ConflictId("conflict--" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value;
    }

    /** The plain value; in JSON the bare string, e.g. {@code "IR"}, not {@code {"value": "IR"}}. */
    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String value() {
        return value;
    }
}
