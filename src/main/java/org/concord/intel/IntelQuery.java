package org.concord.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.concord.node.InvalidInput;

/**
 * A read of one collection with the TAXII 2.1 filters (section 3.4): {@code added_after}, and the
 * {@code match[...]} fields, where values of one field are ORed and different fields are ANDed.
 * Results come in the order objects were added; {@code afterSeq} continues a previous page.
 *
 * @param versions "last" (the default), "first", "all", or version timestamps
 */
public record IntelQuery(Collection collection, Instant addedAfter, List<String> ids, List<String> types,
        List<String> versions, List<String> specVersions, int limit, long afterSeq) {

    public static final int MAX_LIMIT = 10_000;

    public IntelQuery {
        Objects.requireNonNull(collection, "collection");
        ids = List.copyOf(ids);
        types = List.copyOf(types);
        versions = versions.isEmpty() ? List.of("last") : List.copyOf(versions);
        specVersions = List.copyOf(specVersions);
        if (limit < 1) {
            throw new InvalidInput("limit", "positive", "must be a positive integer, got " + limit);
        }
        limit = Math.min(limit, MAX_LIMIT);
        for (String version : versions) {
            if (!version.equals("last") && !version.equals("first") && !version.equals("all")) {
                StixTime.parse("match[version]", version);
            }
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
