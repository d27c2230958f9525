package org.concord.intel.stix;

import tools.jackson.databind.JsonNode;

/**
 * Granular marking selectors, STIX 2.1 section 7.2.3.1: property names and list indices
 * ({@code [n]}) joined by dots, e.g. {@code external_references.[0].source_name}.
 */
final class GranularSelector {

    private GranularSelector() {
    }

    /** The content a selector selects in {@code object}, or null when it selects nothing. */
    static JsonNode select(JsonNode object, String selector) {
        JsonNode node = object;
        for (String step : selector.split("\\.", -1)) {
            if (step.startsWith("[") && step.endsWith("]")) {
                int index;
                try {
                    index = Integer.parseInt(step.substring(1, step.length() - 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (!node.isArray() || index < 0 || index >= node.size()) {
                    return null;
                }
                node = node.get(index);
            } else {
                if (!node.isObject() || !node.has(step)) {
                    return null;
                }
                node = node.get(step);
            }
        }
        return node;
    }
}
