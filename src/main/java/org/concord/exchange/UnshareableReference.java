package org.concord.exchange;

import org.concord.node.InvalidInput;

/**
 * A message to a partner refers to an object the partner may not see (TLP:RED, AMBER+STRICT, not
 * shared with it by the sharing policy): sending it would give the partner the object's id. The
 * message is refused, so the caller's transaction rolls back and nothing is stored or queued; the
 * REST API answers 422 naming the reference (e.g. {@code request.targets[0]}) and the rule
 * {@code reference-not-shared}.
 */
public class UnshareableReference extends InvalidInput {

    public static final String RULE = "reference-not-shared";
    private final String reference;
    private final String partner;

    public UnshareableReference(String path, String reference, String partner) {
        super(path, RULE, "refers to " + reference + ", which " + partner + " may not see (TLP:RED, AMBER+STRICT or not shared"
                + " with " + partner + " by the sharing policy): every reference in a message to a partner must point at an object"
                + " the partner may see; nothing was stored or sent");
        this.reference = reference;
        this.partner = partner;
    }

    /** The same refusal of a reference inside {@code where} (a member of a list): still 422, the path prefixed. */
    @Override
    public UnshareableReference within(String where) {
        return new UnshareableReference(where + "." + field(), reference, partner);
    }

    /** The same refusal of the reference under another path: still 422. */
    @Override
    public UnshareableReference named(String otherPath) {
        return new UnshareableReference(otherPath, reference, partner);
    }

    /** The id referred to. */
    public String reference() {
        return reference;
    }
}
