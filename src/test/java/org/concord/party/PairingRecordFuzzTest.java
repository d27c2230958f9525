package org.concord.party;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import org.concord.node.InvalidInput;

/**
 * A pairing record is pasted in by an administrator ({@code concord partners add}, {@code POST
 * /api/partners}) from a file the other state sent: whatever it holds, reading it either gives a
 * record or refuses with the field and the rule ({@link InvalidInput}, a 400), never anything else.
 */
class PairingRecordFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void aPairingRecordIsReadOrRefusedByFieldAndRule(@NotNull String json) {
        try {
            PairingRecord record = PairingRecord.parse(json);
            PairingRecord.parse(record.toJson());
        } catch (InvalidInput refused) {
            // the documented refusal
        }
    }
}
