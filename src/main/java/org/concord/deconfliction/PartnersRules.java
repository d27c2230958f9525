package org.concord.deconfliction;

import java.time.Instant;
import java.util.List;

import org.concord.party.PartyCode;

/**
 * Whether each partner applies the same notice rules as this node: every notice carries the rules
 * its notifier evaluated it under, and the latest one received from a partner says what that
 * partner applies now. The console's desk shows an alarm for each partner whose rules differ; it
 * clears when a later notice's rules agree.
 */
public interface PartnersRules {

    /**
     * A partner whose latest notice was evaluated under rules that differ from this node's for the pair.
     *
     * @param partner  the partner
     * @param noticeId its latest notice that named its rules
     * @param theirs   the terms it applied that this node does not
     * @param ours     the terms this node applies that it did not
     * @param since    when that notice was received
     */
    record Differing(PartyCode partner, String noticeId, List<String> theirs, List<String> ours, Instant since) {
        public Differing {
            theirs = List.copyOf(theirs);
            ours = List.copyOf(ours);
        }

        /** The terms of {@code theirsStated} and {@code oursStated} that the other side does not state. */
        public static Differing between(PartyCode partner, String noticeId, List<String> theirsStated, List<String> oursStated,
                Instant since) {
            return new Differing(partner, noticeId, theirsStated.stream().filter(t -> !oursStated.contains(t)).toList(),
                    oursStated.stream().filter(t -> !theirsStated.contains(t)).toList(), since);
        }
    }

    /** Every partner whose rules differ from this node's now, by code. */
    List<Differing> differing();
}
