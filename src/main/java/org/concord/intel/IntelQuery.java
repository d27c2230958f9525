package org.concord.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.node.InvalidInput;
import org.concord.node.Limits;

/**
 * A read of one collection with the TAXII 2.1 filters (section 3.4): {@code added_after}, and the
 * {@code match[...]} fields, where values of one field are ORed and different fields are ANDed.
 * Results come in the order objects were added; {@code afterSeq} continues a previous page.
 *
 * @param versions "last" (the default), "first", "all", or version timestamps
 */
public record IntelQuery(Collection collection, Instant addedAfter, List<String> ids, List<String> types,
        List<String> versions, List<String> specVersions, int limit, long afterSeq) {

    /** The most objects one page may ask for; a larger {@code limit} is refused, not lowered (docs/exchange.md). */
    public static final int MAX_LIMIT = 10_000;
    /** The most characters of one filter value (an id, a type, a version). */
    public static final int MAX_VALUE = 256;

    public IntelQuery {
        Objects.requireNonNull(collection, "collection");
        ids = List.copyOf(ids);
        types = List.copyOf(types);
        versions = versions.isEmpty() ? List.of("last") : List.copyOf(versions);
        specVersions = List.copyOf(specVersions);
        checkLimit(limit);
        values("match[id]", ids);
        values("match[type]", types);
        values("match[version]", versions);
        values("match[spec_version]", specVersions);
        for (String version : versions) {
            if (!version.equals("last") && !version.equals("first") && !version.equals("all")) {
                StixTime.parse("match[version]", version);
            }
        }
    }

    /** Refuses a page size outside 1..{@value #MAX_LIMIT}, naming {@code limit} and the maximum. */
    public static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "range", "must be from 1 to " + MAX_LIMIT + " (the maximum), got " + limit);
        }
    }

    /**
     * Refuses filter values a store cannot be asked for: more than {@link Limits#ITEMS} of them, one
     * longer than {@value #MAX_VALUE} characters, or one with a control character (a NUL breaks a
     * PostgreSQL query). Named as the TAXII parameter.
     */
    private static void values(String field, List<String> values) {
        Limits.items(field, values);
        for (String value : values) {
            Limits.parameter(field, value, MAX_VALUE);
        }
    }

    /** Everything current in a collection, a page at a time. */
    public static IntelQuery all(Collection collection, int limit, long afterSeq) {
        return new IntelQuery(collection, null, List.of(), List.of(), List.of(), List.of(), limit, afterSeq);
    }

    public IntelQuery withIds(List<String> only) {
        return new IntelQuery(collection, addedAfter, only, types, versions, specVersions, limit, afterSeq);
    }

    public IntelQuery withVersions(List<String> only) {
        return new IntelQuery(collection, addedAfter, ids, types, only, specVersions, limit, afterSeq);
    }

    public IntelQuery after(long seq) {
        return new IntelQuery(collection, addedAfter, ids, types, versions, specVersions, limit, seq);
    }
}
