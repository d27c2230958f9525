package org.concord.intel;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.intel.stix.HeldObject;
import org.concord.intel.stix.SharingPolicy;
import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.VersioningPolicy;
import org.concord.intel.stix.Violation;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

import tools.jackson.databind.JsonNode;

/**
 * STIX objects and bundles, as {@code concord intel import}, {@code POST /api/intel/bundle}, the
 * TAXII inbox and the pull of a partner's collection read them: {@link Bundles#objectsOf} (a
 * bundle or one object, else {@link InvalidInput}), then for every object what {@code
 * IntelStore.store} does before it touches the database: {@link StixValidator#validate} (violations
 * are answers, never exceptions), and for a valid object its row (version key, markings, references)
 * and the versioning decision against an earlier object of the same id. Then the sharing policy's
 * decision for a partner, as every partner read makes it. The only exception allowed is {@link
 * InvalidInput} from reading the bundle; anything else is a 500 or a stuck pull.
 */
class StixObjectFuzzTest {

    private static final StixValidator VALIDATOR = StixValidator.withOasisSchemas();
    private static final SharingPolicy POLICY = SharingPolicy.defaults().sharingAmberWith(PartyCode.of("PK"));
    private static final Method ROW;

    static {
        try {
            ROW = IntelStore.class.getDeclaredMethod("row", Collection.class, JsonNode.class, String.class, String.class, boolean.class);
            ROW.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void aBundleIsStoredOrRefusedObjectByObject(byte[] input) throws Throwable {
        List<JsonNode> objects;
        try {
            objects = Bundles.objectsOf(input);
        } catch (InvalidInput refused) {
            return; // the documented refusal of the whole bundle
        }
        Map<String, JsonNode> earlier = new HashMap<>();
        for (JsonNode object : objects) {
            List<Violation> violations = VALIDATOR.validate(object);
            if (!violations.isEmpty()) {
                continue; // refused with its violations, as the status resource reports them
            }
            IntelStore.versionKey(object);
            try {
                ROW.invoke(null, Collection.INTEL, object, IntelStore.versionKey(object), "PK", true);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
            String id = object.path("id").asString();
            VersioningPolicy.decide(Optional.ofNullable(earlier.get(id)), object);
            earlier.putIfAbsent(id, object);
            POLICY.decide(PartyCode.of("PK"), HeldObject.local(object), ref -> Optional.ofNullable(earlier.get(ref)).map(HeldObject::local));
            POLICY.decide(PartyCode.of("PK"), HeldObject.receivedFrom(PartyCode.of("PK"), object),
                    ref -> Optional.ofNullable(earlier.get(ref)).map(HeldObject::local));
        }
    }
}
