package org.concord.intel.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.concord.intel.Bundles;
import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.Page;
import org.concord.intel.RefusedObjects;
import org.concord.intel.Viewer;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.concord.party.PartyCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Intelligence over the REST API for this node's users: reading (every role), importing a bundle
 * ({@code ANALYST}, all or nothing) and exporting a bundle (every role; optionally as a partner
 * would see it). Partners use the TAXII server instead.
 */
@RestController
class IntelController {

    private final IntelStore store;
    private final Bundles bundles;
    private final long maxImportBytes;

    IntelController(IntelStore store, Bundles bundles, @Value("${concord.intel.max-import-bytes:268435456}") long maxImportBytes) {
        this.store = store;
        this.bundles = bundles;
        this.maxImportBytes = maxImportBytes;
    }

    @GetMapping(value = "/api/intel/objects", produces = MediaType.APPLICATION_JSON_VALUE)
    String list(@RequestParam(required = false) List<String> type, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") long after) {
        IntelQuery.checkLimit(limit);
        org.concord.node.Limits.items("type", type);
        if (type != null) {
            type.forEach(t -> org.concord.node.Limits.parameter("type", t, IntelQuery.MAX_VALUE));
        }
        Page page = store.find(new IntelQuery(Collection.INTEL, null, List.of(), type == null ? List.of() : type, List.of("last"),
                List.of(), limit, after), Viewer.local());
        StringBuilder body = new StringBuilder("{\"more\":").append(page.more()).append(",\"next\":").append(page.lastSeq())
                .append(",\"objects\":[");
        for (int i = 0; i < page.items().size(); i++) {
            body.append(i == 0 ? "" : ",").append(page.items().get(i).json());
        }
        return body.append("]}").toString();
    }

    @GetMapping(value = "/api/intel/objects/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    String one(@PathVariable String id) {
        org.concord.node.Limits.parameter("id", id, IntelQuery.MAX_VALUE);
        Page page = store.find(IntelQuery.all(Collection.INTEL, 1, 0).withIds(List.of(id)), Viewer.local());
        if (page.items().isEmpty()) {
            throw NotFound.of("id", "no object " + id);
        }
        return page.items().get(0).json();
    }

    @PostMapping(value = "/api/intel/bundle", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    Map<String, Object> importBundle(HttpServletRequest request, @RequestParam(required = false) String from,
            Authentication authentication) throws IOException {
        String actor = Callers.of(authentication).auditName();
        Origin origin = from == null ? new Origin.Local(actor) : Origin.Partner.importedFrom(PartyCode.of(from), actor);
        if (request.getContentLengthLong() > maxImportBytes) {
            throw new TooLarge(request.getContentLengthLong(), maxImportBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImportBytes + 1));
        }
        if (body.length > maxImportBytes) {
            throw new TooLarge(body.length, maxImportBytes);
        }
        Bundles.Imported imported = bundles.importObjects(Bundles.objectsOf(body), origin, done -> { });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", imported.total());
        imported.outcomes().forEach((kind, count) -> answer.put(kind.name().toLowerCase(java.util.Locale.ROOT), count));
        return answer;
    }

    /**
     * Versions of objects partners sent that the trust boundary refused, newest first, each with its
     * evidence: the object as received, from whom, by which path, when, and the rule. In the REST API's
     * camelCase ({@code raisedAt}, {@code objectId}, ...) like every other answer; the object itself is STIX.
     */
    @GetMapping(value = "/api/intel/alarms", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'LIAISON', 'VIEWER')")
    List<Map<String, Object>> alarms(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String object) {
        return store.alarms(limit, object).stream().map(alarm -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", alarm.id());
            entry.put("raisedAt", org.concord.intel.StixTime.taxii(alarm.raisedAt()));
            entry.put("partner", alarm.partner());
            entry.put("path", alarm.path());
            entry.put("actor", alarm.actor());
            entry.put("objectId", alarm.objectId());
            entry.put("objectVersion", alarm.objectVersion());
            entry.put("createdByRef", alarm.createdByRef());
            entry.put("rule", alarm.rule());
            entry.put("detail", alarm.detail());
            entry.put("sha256", alarm.digest());
            entry.put("object", JSON.readTree(alarm.object()));
            return entry;
        }).toList();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @GetMapping("/api/intel/export")
    void export(@RequestParam(required = false) List<String> type, @RequestParam(required = false) List<String> tlp,
            @RequestParam(required = false) String partner, @RequestParam(name = "min-confidence", required = false) Integer minConfidence,
            @RequestParam(required = false) List<String> reliability, HttpServletResponse response) throws IOException {
        // in the order the parameters are documented, so two over their limits are told of the same one in every process
        for (var parameter : List.of(Map.entry("type", type == null ? List.<String>of() : type),
                Map.entry("tlp", tlp == null ? List.<String>of() : tlp),
                Map.entry("reliability", reliability == null ? List.<String>of() : reliability))) {
            org.concord.node.Limits.items(parameter.getKey(), parameter.getValue());
            parameter.getValue().forEach(v -> org.concord.node.Limits.parameter(parameter.getKey(), v, IntelQuery.MAX_VALUE));
        }
        // the values in request order, so that the first wrong one is the one told of
        Bundles.Filter filter = new Bundles.Filter(type == null ? Set.of() : new LinkedHashSet<>(type),
                tlp == null ? Set.of() : new LinkedHashSet<>(tlp), Optional.ofNullable(partner).map(code -> Viewer.partner(PartyCode.of(code))),
                minConfidence, reliability == null ? Set.of() : new LinkedHashSet<>(reliability));
        response.setContentType("application/stix+json;version=2.1");
        bundles.export(filter, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    static final class TooLarge extends RuntimeException {
        TooLarge(long size, long max) {
            super("the bundle has " + size + " bytes; at most " + max + " are accepted (concord.intel.max-import-bytes)");
        }
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Bundle too large");
        problem.setProperty("field", "body");
        problem.setProperty("rule", "max-import-bytes");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(RefusedObjects.class)
    ResponseEntity<ProblemDetail> refused(RefusedObjects e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Objects refused; nothing stored");
        problem.setProperty("objects", e.refused().stream()
                .map(o -> Map.of("id", o.id(), "message", o.message() == null ? "" : o.message())).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }
}
