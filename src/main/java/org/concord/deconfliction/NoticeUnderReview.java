package org.concord.deconfliction;

import java.time.Instant;
import java.util.Objects;
import org.concord.deconfliction.geo.Border;

/**
 * What a {@link NoticePolicy} looks at: the notice, the moment it is reviewed (from the injected
 * clock) and the border between the notifying party and its partner.
 *
 * @param notice the notice
 * @param now    when it is reviewed; the notice is taken to be sent at this moment
 * @param border the land border the notifying party shares with the partner
 */
public record NoticeUnderReview(OperationNotice notice, Instant now, Border border) {

    public NoticeUnderReview {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(border, "border");
    }
}
