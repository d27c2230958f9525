package org.concord.deconfliction;

/**
 * Whom the partner calls about the operation.
 *
 * @param name    a person or desk, e.g. {@code Duty officer, Frontier Corps Balochistan (South)}
 * @param channel how to reach them: a hotline name, a telephone number, an address
 */
public record Contact(String name, String channel) {

    public Contact {
        name = Invalid.text("contact.name", name, 200);
        channel = Invalid.text("contact.channel", channel, 200);
    }
}
