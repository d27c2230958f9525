package org.concord.hotline;

import java.util.List;

/**
 * The alarms of the weekly test call that stand now, for pages that show them (the console's desk):
 * the test calls that failed at the latest slot whose answer window has closed, not sent or not
 * answered in time. Such an alarm stands until the next slot's test passes; with no test call
 * scheduled there is none. Every alarm raised is at {@code GET /api/hotline/alarms}.
 */
public interface TestAlarms {

    /** The alarms standing now; throws {@link IllegalStateException} when they cannot be read in time. */
    List<TestAlarm> standing();
}
