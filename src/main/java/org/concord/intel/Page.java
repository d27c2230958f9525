package org.concord.intel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a read, and the position to continue from ({@link #lastSeq}). For a partner,
 * {@code more} is true when a further visible object exists, or when the store stopped after
 * examining the bounded number of rows a page may (see {@code IntelStore.find}): then the
 * position is past the last row examined, the page may be short or empty, and the position is
 * handed out only as an opaque token, so the partner learns not which rows were passed over.
 */
public record Page(List<StoredObject> items, boolean more, long lastSeq) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page that continues after its last item. */
    public Page(List<StoredObject> items, boolean more) {
        this(items, more, items.isEmpty() ? 0 : items.get(items.size() - 1).seq());
    }

    public Optional<Instant> firstAdded() {
        return items.stream().map(StoredObject::dateAdded).min(Instant::compareTo);
    }

    public Optional<Instant> lastAdded() {
        return items.stream().map(StoredObject::dateAdded).max(Instant::compareTo);
    }
}
