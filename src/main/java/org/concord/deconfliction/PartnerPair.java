package org.concord.deconfliction;

import org.concord.party.PartyCode;

/**
 * Two parties that deconflict with each other, in no particular order: {@code of(PK, IR)} equals
 * {@code of(IR, PK)}. Stored with the codes in alphabetical order.
 *
 * @param first  the code first in alphabetical order
 * @param second the other
 */
public record PartnerPair(PartyCode first, PartyCode second) {

    public PartnerPair {
        Invalid.required("pair.first", first);
        Invalid.required("pair.second", second);
        if (first.equals(second)) {
            throw Invalid.input("pair", "different-parties", "a pair needs two different parties, got " + first + " twice");
        }
        if (first.value().compareTo(second.value()) > 0) {
            PartyCode swap = first;
            first = second;
            second = swap;
        }
    }

    public static PartnerPair of(PartyCode a, PartyCode b) {
        return new PartnerPair(a, b);
    }

    /** Whether {@code party} is one of the two. */
    public boolean includes(PartyCode party) {
        return first.equals(party) || second.equals(party);
    }

    @Override
    public String toString() {
        return first + "-" + second;
    }
}
