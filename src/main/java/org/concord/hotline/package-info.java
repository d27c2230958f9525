/**
 * The hotline: prioritised messages between named officials, acknowledgement deadlines by
 * priority, escalation of unacknowledged messages up the ladder; scheduled test calls with an
 * alarm when unanswered. (The unplanned-event report that must go out within minutes is
 * deconfliction's: {@code org.concord.deconfliction.UnplannedEventPolicy}.)
 *
 * <p>The API is the pure core, without Spring, I/O or a clock of its own:
 * <ul>
 *   <li>{@link org.concord.hotline.HotlineMessage} (send, acknowledge, escalate) and the state of one
 *       call, {@link org.concord.hotline.HotlineCall} ({@link org.concord.hotline.Unacknowledged},
 *       {@link org.concord.hotline.Acknowledged}); {@link org.concord.hotline.HotlineCalls#fold}
 *       derives it from the messages in the canonical delivery order; refusals are
 *       {@link org.concord.hotline.HotlineRefusal} values;</li>
 *   <li>{@link org.concord.hotline.AcknowledgementPolicy}: 24 h / 1 h / 10 min by default for
 *       ROUTINE / PRIORITY / FLASH, and the escalations a missed deadline makes due;</li>
 *   <li>{@link org.concord.hotline.ScheduledTest}: the weekly DGMO call, the hourly test line, and
 *       the {@link org.concord.hotline.TestAlarm}s when a test goes unsent or unanswered;
 *       {@link org.concord.hotline.WeeklyTestCall}, the weekly test call as the officers set it (day,
 *       local time, zone, tolerance), kept by {@link org.concord.hotline.TestCallSchedules}.</li>
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hotline",
        allowedDependencies = {"node", "party", "audit", "intel::stix", "exchange", "workflow"})
package org.concord.hotline;
