package org.concord.ledger.internal;

import org.concord.ledger.tree.NoteSigner;
import org.concord.ledger.tree.VerifierKey;
import org.concord.party.NodeIdentity;
import org.concord.party.Partner;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who this log is: its origin {@code concord.<party code>/<STIX identity id>} (unique per party and
 * per key set, since a new identity comes with new keys) and the note signer that signs checkpoints
 * and cosignatures with the node's Ed25519 key without handing the key out. The key name of both
 * signature types is the origin, as C2SP tlog-checkpoint recommends.
 */
@Component
class LogIdentity {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final NodeIdentity self;
    private final String origin;
    private final NoteSigner signer;

    LogIdentity(NodeIdentity self) {
        this.self = self;
        this.origin = origin(self.party().code(), self.stixIdentityId());
        this.signer = NoteSigner.delegating(origin, self.signingKey().publicKey(), self::sign);
    }

    static String origin(PartyCode party, String stixIdentityId) {
        return "concord." + party.value() + "/" + stixIdentityId;
    }

    /** The origin of a partner's log, from the STIX identity in its pairing record. */
    static String originOf(Partner partner) {
        String id = JSON.readTree(partner.identity()).path("id").asString();
        return origin(partner.code(), id);
    }

    /** The key that verifies a partner's checkpoints. */
    static VerifierKey checkpointKey(Partner partner) {
        return VerifierKey.ed25519(originOf(partner), partner.signingKey().publicKey());
    }

    /** The key that verifies a partner's cosignatures of this node's checkpoints. */
    static VerifierKey cosignatureKey(Partner partner) {
        return VerifierKey.cosignatureV1(originOf(partner), partner.signingKey().publicKey());
    }

    String origin() {
        return origin;
    }

    NoteSigner signer() {
        return signer;
    }

    VerifierKey verifierKey() {
        return signer.verifierKey();
    }

    NodeIdentity node() {
        return self;
    }
}
