package org.concord.hotline.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.workflow.MessageStix;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's hotline message, as the receiver reads it ({@code workflow.Workflow#receive} and its inbox check): whatever
 * JSON object arrives in the inbox, {@link HotlineStix#fromStix} either gives the message or refuses it as
 * {@link MessageStix.Malformed}, which the receiver logs and drops. Any other exception would fail
 * the event listener, so the message would be retried forever and hold up the rest: a finding.
 * Seeds: every message type as this node writes it (FuzzSeeds).
 */
class HotlineMessageFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "10s")
    void aHotlineMessageIsReadOrRefusedAsMalformed(byte[] input) {
        JsonNode object;
        try {
            object = JSON.readTree(input);
        } catch (JacksonException notJson) {
            return; // refused by the TAXII inbox before any module sees it
        }
        if (object == null || !object.isObject()) {
            return; // likewise: the inbox stores only JSON objects
        }
        try {
            HotlineStix.fromStix(object);
        } catch (MessageStix.Malformed refused) {
            // the documented refusal
        }
    }
}
