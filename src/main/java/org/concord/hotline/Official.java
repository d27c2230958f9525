package org.concord.hotline;

import java.util.Objects;

import org.concord.party.PartyCode;

/**
 * A named official at one end of the hotline.
 *
 * @param party the state the official serves
 * @param name the person, e.g. "Maj Gen A. Example"
 * @param post the office, e.g. "DGMO" or "Liaison officer, Zahedan"
 */
public record Official(PartyCode party, String name, String post) {

    public Official {
        Objects.requireNonNull(party, "party");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an official has a name");
        }
        if (post == null || post.isBlank()) {
            throw new IllegalArgumentException("an official has a post");
        }
        name = name.strip();
        post = post.strip();
    }
}
