package org.concord.hotline;

import java.util.Optional;

/**
 * Where this node keeps the weekly test call it runs ({@link WeeklyTestCall}): set through the REST
 * API ({@code PUT /api/hotline/tests/schedule}) or by the demo, stored in the node's database, in
 * force from the next run of the test job without a restart.
 */
public interface TestCallSchedules {

    /** Sets (or replaces) the weekly test call; it runs from the next slot. */
    void set(WeeklyTestCall call, String actor);

    /** Removes it: no test call is sent and no alarm raised until one is set again; false if none was set. */
    boolean remove(String actor);

    /** The weekly test call in force, if any. */
    Optional<WeeklyTestCall> current();

    /**
     * Where the weekly test call in force was set.
     *
     * @param configured true: in the configuration file ({@code concord.hotline.weekly-test}); false: through the API
     * @param setBy who set it through the API (null when configured)
     * @param setAt when it was set through the API (null when configured)
     */
    record Source(boolean configured, String setBy, java.time.Instant setAt) {
    }

    /** Where the weekly test call in force was set; empty if none is in force. */
    Optional<Source> source();
}
