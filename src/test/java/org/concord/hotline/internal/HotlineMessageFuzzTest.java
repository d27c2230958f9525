package org.concord.hotline.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.testing.FuzzedWorkflowMessage;
import org.concord.workflow.MessageStix;

/**
 * A partner's hotline message, as the receiver reads it ({@code workflow.Workflow#receive} and its inbox check): whatever
 * JSON object arrives in the inbox, {@link HotlineStix#fromStix} either gives the message or refuses it as
 * {@link MessageStix.Malformed}, which the receiver logs and drops. Any other exception would fail
 * the event listener, so the message would be retried forever and hold up the rest: a finding.
 * Seeds: every message type as this node writes it (FuzzSeeds).
 */
class HotlineMessageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void aHotlineMessageIsReadOrRefusedAsMalformed(byte[] input) {
        FuzzedWorkflowMessage.readOrRefuse(input, HotlineStix::fromStix);
    }
}
