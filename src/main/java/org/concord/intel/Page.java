package org.concord.intel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a read. {@code more} is true only when at least one further object is visible to
 * the same viewer, so a partner cannot learn from it that hidden objects exist.
 */
public record Page(List<StoredObject> items, boolean more) {

    public Page {
        items = List.copyOf(items);
    }

    /** The position to continue from. */
    public long lastSeq() {
        return items.isEmpty() ? 0 : items.get(items.size() - 1).seq();
    }

    public Optional<Instant> firstAdded() {
        return items.stream().map(StoredObject::dateAdded).min(Instant::compareTo);
    }

    public Optional<Instant> lastAdded() {
        return items.stream().map(StoredObject::dateAdded).max(Instant::compareTo);
    }
}
