package org.concord.testing;

import java.util.function.Consumer;

import org.concord.workflow.MessageStix;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one harness of the workflow-message fuzz tests: whatever bytes arrive, the TAXII inbox
 * passes on only JSON objects, and the type's reader either reads the object or refuses it as
 * {@link MessageStix.Malformed}. Any other exception escapes to Jazzer: a finding.
 */
public final class FuzzedWorkflowMessage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FuzzedWorkflowMessage() {
    }

    /** Feeds {@code input} to {@code reader} as the inbox would, accepting only the documented refusal. */
    public static void readOrRefuse(byte[] input, Consumer<JsonNode> reader) {
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
            reader.accept(object);
        } catch (MessageStix.Malformed refused) {
            // the documented refusal
        }
    }
}
