package org.concord.exchange.taxii;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.intel.stix.StixValidator;
import org.concord.ledger.ObjectDigest;
import org.springframework.mock.web.MockHttpServletRequest;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /taxii2/concord/collections/{id}/objects}, from the partner (inbox) or an
 * analyst (intel): {@code TaxiiServer.readEnvelope} reads it as a TAXII envelope or refuses it with
 * {@link TaxiiException} (400, 413); then, as {@code add} does, its {@code objects} must be an array,
 * and every object is validated and digested for its receipt. Nothing else may be thrown: it would
 * be a 500 to the partner, who would retry the same batch for ever.
 */
class TaxiiEnvelopeFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StixValidator VALIDATOR = StixValidator.withOasisSchemas();
    private static final TaxiiServer SERVER = new TaxiiServer(null, null, null, null, null, null, null, null, 16 * 1024 * 1024);
    private static final Method READ_ENVELOPE;

    static {
        try {
            READ_ENVELOPE = TaxiiServer.class.getDeclaredMethod("readEnvelope", HttpServletRequest.class);
            READ_ENVELOPE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anEnvelopeIsReadOrA400(byte[] body) throws Throwable {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/taxii2/concord/collections/inbox/objects/");
        request.setContentType(Taxii.MEDIA_TYPE);
        request.setContent(body);
        JsonNode envelope;
        try {
            envelope = (JsonNode) READ_ENVELOPE.invoke(SERVER, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof TaxiiException) {
                return; // the documented 400 or 413
            }
            throw e.getCause();
        }
        JsonNode objects = envelope.path("objects");
        if (!objects.isArray()) {
            return; // "the envelope has no 'objects' array": a TaxiiException in add
        }
        List<JsonNode> list = new ArrayList<>(objects.size());
        objects.forEach(list::add);
        for (JsonNode object : list) {
            // The receipt is made for every valid object that IntelStore accepts into the inbox: since the
            // fuzzer's findings it refuses one the ledger cannot record (InboxObjectsTheLedgerCannotRecordAreRefusedTest).
            if (VALIDATOR.validate(object).isEmpty()) {
                String json = JSON.writeValueAsString(object);
                try {
                    ObjectDigest.of(json);
                } catch (org.concord.node.InvalidInput refusedByTheStore) {
                    continue;
                }
            }
        }
    }
}
