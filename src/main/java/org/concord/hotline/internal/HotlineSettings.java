package org.concord.hotline.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.concord.hotline.AcknowledgementPolicy;
import org.concord.hotline.Official;
import org.concord.hotline.Priority;
import org.concord.hotline.ScheduledTest;
import org.concord.party.PartyCode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hotline as configured:
 *
 * <pre>
 * concord:
 *   hotline:
 *     acknowledgement: { FLASH: PT10M, PRIORITY: PT1H, ROUTINE: PT24H }   # defaults
 *     weekly-test:                        # the weekly DGMO call; absent: no scheduled test. One set through
                                        # PUT /api/hotline/tests/schedule (or removed by DELETE) stands over it
 *       first-slot: 2024-02-06T06:00:00Z
 *       caller: { party: PK, name: Maj Gen A. Khan, post: DGMO }
 *       answerer: { party: IR, name: Brig Gen R. Karimi, post: Director of Operations }
 * </pre>
 */
@ConfigurationProperties("concord.hotline")
record HotlineSettings(Map<Priority, Duration> acknowledgement, WeeklyTest weeklyTest) {

    record Person(String party, String name, String post) {
        Official official() {
            return new Official(PartyCode.of(party), name, post);
        }
    }

    record WeeklyTest(Instant firstSlot, Person caller, Person answerer) {
        ScheduledTest schedule() {
            return ScheduledTest.weeklyDgmoCall(PartyCode.of(caller.party()), PartyCode.of(answerer.party()), firstSlot);
        }
    }

    AcknowledgementPolicy policy() {
        AcknowledgementPolicy policy = AcknowledgementPolicy.defaults();
        if (acknowledgement != null) {
            for (Map.Entry<Priority, Duration> e : acknowledgement.entrySet()) {
                policy = policy.with(e.getKey(), e.getValue());
            }
        }
        return policy;
    }

    Optional<WeeklyTest> weekly() {
        return Optional.ofNullable(weeklyTest).filter(w -> w.firstSlot() != null && w.caller() != null && w.answerer() != null);
    }
}
