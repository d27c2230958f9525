package org.concord.intel.stix;

import java.util.Objects;

/** Whether a partner may read an object, with the reason (for the audit log). */
public sealed interface SharingDecision {

    /** The reason, one line. */
    String reason();

    /** Whether the partner may read the object. */
    boolean mayRead();

    /** The partner may read the object. */
    record Share(String reason) implements SharingDecision {
        public Share {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean mayRead() {
            return true;
        }
    }

    /** The partner may not read the object, nor learn that it exists. */
    record Withhold(String reason) implements SharingDecision {
        public Withhold {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean mayRead() {
            return false;
        }
    }
}
