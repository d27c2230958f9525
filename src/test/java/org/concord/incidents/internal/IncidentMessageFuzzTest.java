package org.concord.incidents.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.testing.FuzzedWorkflowMessage;
import org.concord.workflow.MessageStix;

/**
 * A partner's incidents message, as the receiver reads it ({@code workflow.Workflow#receive} and its inbox check): whatever
 * JSON object arrives in the inbox, {@link IncidentStix#fromStix} either gives the message or refuses it as
 * {@link MessageStix.Malformed}, which the receiver logs and drops. Any other exception would fail
 * the event listener, so the message would be retried forever and hold up the rest: a finding.
 * Seeds: every message type as this node writes it (FuzzSeeds).
 */
class IncidentMessageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void aIncidentMessageIsReadOrRefusedAsMalformed(byte[] input) {
        FuzzedWorkflowMessage.readOrRefuse(input, IncidentStix::fromStix);
    }
}
