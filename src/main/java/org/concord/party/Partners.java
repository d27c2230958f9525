package org.concord.party;

import java.util.List;
import java.util.Optional;

/** The partners this node is paired with. Reads see a pairing or an unpairing within a second. */
public interface Partners {

    List<Partner> all();

    Optional<Partner> byCode(PartyCode code);

    /** The partner whose TLS certificate has this SHA-256 fingerprint, if any. */
    Optional<Partner> byFingerprint(Fingerprint fingerprint);
}
