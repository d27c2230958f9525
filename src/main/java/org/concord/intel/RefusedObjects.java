package org.concord.intel;

import java.util.List;

/**
 * A write that must be all or nothing (an import, a bundle over the REST API) held objects that
 * break the rules: nothing was stored. Each refusal names the object id, the JSON path and the rule.
 */
public class RefusedObjects extends RuntimeException {

    private final List<ObjectOutcome> refused;

    public RefusedObjects(List<ObjectOutcome> refused) {
        super(refused.size() + " object(s) refused, nothing stored; first: " + refused.get(0).id() + ": " + refused.get(0).message());
        this.refused = List.copyOf(refused);
    }

    public List<ObjectOutcome> refused() {
        return refused;
    }
}
