package org.concord.exchange.taxii;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.IntelStore;
import org.concord.intel.SharingInForce;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.Page;
import org.concord.intel.StixTime;
import org.concord.intel.StoredObject;
import org.concord.intel.Viewer;
import org.concord.ledger.ObjectDigest;
import org.concord.ledger.Receipt;
import org.concord.ledger.Receipts;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Caller;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TAXII 2.1 server (OASIS TAXII Version 2.1, section 4 and 5): one API root, {@code concord},
 * with the collections {@code intel} and {@code inbox}. Partners (by their pinned certificate)
 * read {@code intel} as the sharing policy allows and write to {@code inbox}; users read both and
 * analysts write {@code intel}. Every path answers with and without its trailing slash.
 */
@RestController
@RequestMapping("/taxii2")
class TaxiiServer {

    static final String API_ROOT = "concord";
    static final int DEFAULT_LIMIT = 1000;
    /** The most characters of one query parameter (a filter's whole comma-separated list). */
    static final int MAX_PARAMETER = 8192;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntelStore store;
    private final NodeIdentity self;
    private final StatusTable statuses;
    private final Clock clock;
    private final long maxContentLength;
    private final Receipts receipts;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final NextTokens nextTokens;
    private final SharingInForce sharing;
    private final TransactionTemplate transactions;

    TaxiiServer(IntelStore store, NodeIdentity self, StatusTable statuses, Clock clock, Receipts receipts, SharingInForce sharing,
            org.springframework.context.ApplicationEventPublisher events, TransactionTemplate transactions,
            @Value("${concord.exchange.max-content-length:16777216}") long maxContentLength) {
        this.transactions = transactions;
        this.sharing = sharing;
        this.events = events;
        this.receipts = receipts;
        this.store = store;
        this.self = self;
        this.statuses = statuses;
        this.clock = clock;
        this.maxContentLength = maxContentLength;
        this.nextTokens = new NextTokens(self);
    }

    // 4.1 Server Discovery
    @GetMapping({"", "/"})
    ResponseEntity<String> discovery(@RequestHeader(value = "Accept", required = false) String accept) {
        Taxii.checkAccept(accept);
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "Concord node " + self.party().code());
        body.put("description", self.party().name());
        body.put("contact", self.url().toString());
        body.put("default", apiRootUrl());
        body.putArray("api_roots").add(apiRootUrl());
        return ok(body);
    }

    // 4.2 API Root Information
    @GetMapping({"/" + API_ROOT, "/" + API_ROOT + "/"})
    ResponseEntity<String> apiRoot(@RequestHeader(value = "Accept", required = false) String accept) {
        Taxii.checkAccept(accept);
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "Concord " + self.party().code());
        body.put("description", "Intelligence and messages of " + self.party().name());
        body.putArray("versions").add(Taxii.MEDIA_TYPE);
        body.put("max_content_length", maxContentLength);
        return ok(body);
    }

    // 4.3 Get Status
    @GetMapping({"/" + API_ROOT + "/status/{statusId}", "/" + API_ROOT + "/status/{statusId}/"})
    ResponseEntity<String> status(@PathVariable String statusId, @RequestHeader(value = "Accept", required = false) String accept,
            Authentication authentication) {
        Taxii.checkAccept(accept);
        Limits.parameter("statusId", statusId, IntelQuery.MAX_VALUE);
        String body = statuses.find(statusId, Callers.of(authentication).auditName())
                .orElseThrow(() -> TaxiiException.notFound("no status " + statusId + " for this caller"));
        return ResponseEntity.ok().headers(Taxii.headers()).body(body);
    }

    // 5.1 Get Collections
    @GetMapping({"/" + API_ROOT + "/collections", "/" + API_ROOT + "/collections/"})
    ResponseEntity<String> collections(@RequestHeader(value = "Accept", required = false) String accept, Authentication authentication) {
        Taxii.checkAccept(accept);
        Caller caller = Callers.of(authentication);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("collections");
        for (Collection collection : Collection.values()) {
            list.add(describe(collection, caller));
        }
        return ok(body);
    }

    // 5.2 Get A Collection
    @GetMapping({"/" + API_ROOT + "/collections/{collectionId}", "/" + API_ROOT + "/collections/{collectionId}/"})
    ResponseEntity<String> collection(@PathVariable String collectionId, @RequestHeader(value = "Accept", required = false) String accept,
            Authentication authentication) {
        Taxii.checkAccept(accept);
        return ok(describe(collection(collectionId), Callers.of(authentication)));
    }

    // 5.3 Get Collection Manifest
    @GetMapping({"/" + API_ROOT + "/collections/{collectionId}/manifest", "/" + API_ROOT + "/collections/{collectionId}/manifest/"})
    ResponseEntity<String> manifest(@PathVariable String collectionId, @RequestParam Map<String, String> parameters,
            @RequestHeader(value = "Accept", required = false) String accept, Authentication authentication) {
        Taxii.checkAccept(accept);
        Caller caller = Callers.of(authentication);
        Collection collection = readable(collectionId, caller);
        Page page = store.find(pageQuery(collection, parameters, List.of()), viewer(caller));
        ObjectNode body = JSON.createObjectNode();
        body.put("more", page.more());
        if (page.more()) {
            body.put("next", token(page.lastSeq()));
        }
        ArrayNode records = body.putArray("objects");
        for (StoredObject object : page.items()) {
            ObjectNode record = records.addObject();
            record.put("id", object.id());
            record.put("date_added", StixTime.taxii(object.dateAdded()));
            record.put("version", object.version());
            record.put("media_type", Taxii.STIX_MEDIA_TYPE);
        }
        return ResponseEntity.ok().headers(pageHeaders(page)).body(JSON.writeValueAsString(body));
    }

    // 5.4 Get Objects
    @GetMapping({"/" + API_ROOT + "/collections/{collectionId}/objects", "/" + API_ROOT + "/collections/{collectionId}/objects/"})
    ResponseEntity<String> objects(@PathVariable String collectionId, @RequestParam Map<String, String> parameters,
            @RequestHeader(value = "Accept", required = false) String accept, Authentication authentication) {
        Taxii.checkAccept(accept);
        Caller caller = Callers.of(authentication);
        Collection collection = readable(collectionId, caller);
        Page page = store.find(pageQuery(collection, parameters, List.of()), viewer(caller));
        HttpHeaders headers = pageHeaders(page);
        if (caller instanceof Caller.PartnerNode partner) {
            // what the partner may read by the settings in force: when it changes, the partner's pull starts again
            headers.set(SHARING_HEADER, sharing.digestFor(partner.partner().code()));
        }
        return ResponseEntity.ok().headers(headers).body(envelope(page));
    }

    /** The header a partner's page of objects carries: {@link SharingInForce#digestFor} of that partner. */
    public static final String SHARING_HEADER = "X-Concord-Sharing";

    // 5.5 Add Objects
    @PostMapping({"/" + API_ROOT + "/collections/{collectionId}/objects", "/" + API_ROOT + "/collections/{collectionId}/objects/"})
    ResponseEntity<String> add(@PathVariable String collectionId, @RequestHeader(value = "Accept", required = false) String accept,
            @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest request,
            Authentication authentication) throws IOException {
        Taxii.checkAccept(accept);
        Caller caller = Callers.of(authentication);
        Collection collection = collection(collectionId);
        if (!canWrite(collection, caller)) {
            throw TaxiiException.forbidden("this caller may not add objects to the " + collection.alias() + " collection");
        }
        Taxii.checkContentType(contentType);
        JsonNode envelope = readEnvelope(request);
        JsonNode objects = envelope.path("objects");
        if (!objects.isArray()) {
            throw TaxiiException.badRequest("the envelope has no 'objects' array");
        }
        List<JsonNode> list = new ArrayList<>(objects.size());
        objects.forEach(list::add);
        Instant requested = clock.instant();
        Origin origin = caller instanceof Caller.PartnerNode partner ? new Origin.Partner(partner.partner().code())
                : new Origin.Local(caller.auditName());
        // A partner's messages: the inbox's check computed each one's ledger digest, which its receipt names (not computed again).
        boolean partnerInbox = collection == Collection.INBOX && caller instanceof Caller.PartnerNode;
        String statusId = UUID.randomUUID().toString();
        if (!(caller instanceof Caller.PartnerNode)) {
            // This node's user: the objects and the status resource in one transaction, so that a 202 always names a
            // status that was stored, an envelope whose status could not be stored is stored not at all, and an
            // envelope costs one commit (issue 13). A partner's POST is answered as below: its receipts are signed
            // after the objects are stored.
            String status = transactions.execute(tx -> {
                String body = JSON.writeValueAsString(statusResource(statusId, requested, store.store(collection, list, origin)));
                statuses.insert(statusId, caller.auditName(), requested, body);
                return body;
            });
            return ResponseEntity.accepted().headers(Taxii.headers()).body(status);
        }
        IntelStore.StoredMessages stored = partnerInbox ? store.storeMessages(list, origin) : null;
        List<ObjectOutcome> outcomes = partnerInbox ? stored.outcomes() : store.store(collection, list, origin);
        ObjectNode statusBody = statusResource(statusId, requested, outcomes);
        if (collection == Collection.INBOX && caller instanceof Caller.PartnerNode partner) {
            // Section 1.6.8.4 custom property: a signed receipt for every message accepted, proof the sender keeps.
            ArrayNode issued = statusBody.putArray("x_concord_receipts");
            List<Integer> accepted = new ArrayList<>();
            List<ObjectDigest> digests = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).succeeded()) {
                    accepted.add(i);
                    ObjectDigest checked = stored.digests().get(i);
                    digests.add(checked != null ? checked : ObjectDigest.of(JSON.writeValueAsString(list.get(i))));
                }
            }
            // One signature for the whole POST if the sender reads batched receipts (it says so), otherwise one per message.
            boolean batched = readsBatchedReceipts(request.getHeader(Receipt.FORMATS_HEADER));
            List<Receipt> signed = digests.isEmpty() ? List.of()
                    : batched ? receipts.issueBatch(partner.partner().code(), digests) : receipts.issueAll(partner.partner().code(), digests);
            for (int k = 0; k < accepted.size(); k++) {
                int i = accepted.get(k);
                {
                    Receipt receipt = signed.get(k);
                    ObjectNode entry = issued.addObject();
                    entry.put("id", outcomes.get(i).id());
                    if (outcomes.get(i).version() != null) {
                        entry.put("version", outcomes.get(i).version());
                    }
                    entry.put("receipt", receipt.toJson());
                }
            }
            if (!accepted.isEmpty()) {
                events.publishEvent(new org.concord.exchange.ReceiptsSigned(partner.partner().code(),
                        accepted.stream().map(i -> outcomes.get(i).id()).toList()));
            }
        }
        String status = JSON.writeValueAsString(statusBody);
        statuses.insert(statusId, caller.auditName(), requested, status);
        return ResponseEntity.accepted().headers(Taxii.headers()).body(status);
    }

    /** Whether the sender listed {@link Receipt#BATCHED} in its {@link Receipt#FORMATS_HEADER}. */
    static boolean readsBatchedReceipts(String header) {
        if (header == null) {
            return false;
        }
        for (String format : header.split(",")) {
            if (format.trim().equals(Receipt.BATCHED)) {
                return true;
            }
        }
        return false;
    }

    // 5.6 Get An Object
    @GetMapping({"/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}",
        "/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}/"})
    ResponseEntity<String> object(@PathVariable String collectionId, @PathVariable String objectId,
            @RequestParam Map<String, String> parameters, @RequestHeader(value = "Accept", required = false) String accept,
            Authentication authentication) {
        Taxii.checkAccept(accept);
        Limits.parameter("objectId", objectId, IntelQuery.MAX_VALUE);
        Caller caller = Callers.of(authentication);
        Collection collection = readable(collectionId, caller);
        forbidden(parameters, "match[id]", "match[type]");
        Page page = store.find(pageQuery(collection, parameters, List.of(objectId)), viewer(caller));
        if (page.items().isEmpty() && !store.visible(collection, objectId, viewer(caller))) {
            throw TaxiiException.notFound("no object " + objectId + " in " + collection.alias());
        }
        return ResponseEntity.ok().headers(pageHeaders(page)).body(envelope(page));
    }

    // 5.7 Delete An Object
    @DeleteMapping({"/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}",
        "/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}/"})
    ResponseEntity<String> delete(@PathVariable String collectionId, @PathVariable String objectId,
            @RequestParam Map<String, String> parameters, @RequestHeader(value = "Accept", required = false) String accept,
            Authentication authentication) {
        Taxii.checkAccept(accept);
        Limits.parameter("objectId", objectId, IntelQuery.MAX_VALUE);
        Caller caller = Callers.of(authentication);
        Collection collection = collection(collectionId);
        if (!(caller instanceof Caller.User) || !canWrite(collection, caller)) {
            throw TaxiiException.forbidden("this caller may not delete objects from the " + collection.alias() + " collection");
        }
        parameters.forEach((name, value) -> Limits.parameter(name, value, MAX_PARAMETER));
        List<String> versions = filter(parameters, "match[version]");
        versions.forEach(v -> Limits.parameter("match[version]", v, IntelQuery.MAX_VALUE));
        if (versions.stream().anyMatch(v -> v.equals("first") || v.equals("last") || v.equals("all"))) {
            versions = versions.contains("all") ? List.of() : versions.stream().filter(v -> !v.equals("first") && !v.equals("last")).toList();
        }
        if (store.delete(collection, objectId, versions, caller.auditName()) == 0) {
            throw TaxiiException.notFound("no object " + objectId + " in " + collection.alias());
        }
        return ResponseEntity.ok().headers(Taxii.headers()).build();
    }

    // 5.8 Get Object Versions
    @GetMapping({"/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}/versions",
        "/" + API_ROOT + "/collections/{collectionId}/objects/{objectId}/versions/"})
    ResponseEntity<String> versions(@PathVariable String collectionId, @PathVariable String objectId,
            @RequestParam Map<String, String> parameters, @RequestHeader(value = "Accept", required = false) String accept,
            Authentication authentication) {
        Taxii.checkAccept(accept);
        Limits.parameter("objectId", objectId, IntelQuery.MAX_VALUE);
        Caller caller = Callers.of(authentication);
        Collection collection = readable(collectionId, caller);
        forbidden(parameters, "match[id]", "match[type]", "match[version]");
        IntelQuery query = pageQuery(collection, parameters, List.of(objectId)).withVersions(List.of("all"));
        Page page = store.find(query, viewer(caller));
        if (page.items().isEmpty() && !store.visible(collection, objectId, viewer(caller))) {
            throw TaxiiException.notFound("no object " + objectId + " in " + collection.alias());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("more", page.more());
        if (page.more()) {
            body.put("next", token(page.lastSeq()));
        }
        ArrayNode versions = body.putArray("versions");
        page.items().forEach(o -> versions.add(o.version()));
        return ResponseEntity.ok().headers(pageHeaders(page)).body(JSON.writeValueAsString(body));
    }

    @ExceptionHandler(TaxiiException.class)
    ResponseEntity<String> taxiiError(TaxiiException e) {
        return error(e.status(), e.title(), e.getMessage());
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<String> invalid(InvalidInput e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "Bad Request");
        body.put("description", e.getMessage());
        body.put("http_status", "400");
        // Section 3.6.1 "details": the parameter and the rule it broke, for a program to read.
        body.putObject("details").put("field", e.field()).put("rule", e.rule());
        return ResponseEntity.status(400).headers(Taxii.headers()).body(JSON.writeValueAsString(body));
    }

    static ResponseEntity<String> error(int status, String title, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", title);
        body.put("description", description);
        body.put("http_status", String.valueOf(status));
        return ResponseEntity.status(status).headers(Taxii.headers()).body(JSON.writeValueAsString(body));
    }

    private String apiRootUrl() {
        String base = self.url().toString();
        return (base.endsWith("/") ? base : base + "/") + "taxii2/" + API_ROOT + "/";
    }

    private static Collection collection(String idOrAlias) {
        return Collection.named(idOrAlias).orElseThrow(() -> TaxiiException.notFound("no collection " + idOrAlias));
    }

    private static Collection readable(String idOrAlias, Caller caller) {
        Collection collection = collection(idOrAlias);
        if (!canRead(collection, caller)) {
            throw TaxiiException.forbidden("this caller may not read the " + collection.alias() + " collection");
        }
        return collection;
    }

    static boolean canRead(Collection collection, Caller caller) {
        return caller instanceof Caller.User || collection == Collection.INTEL;
    }

    static boolean canWrite(Collection collection, Caller caller) {
        if (caller instanceof Caller.PartnerNode) {
            return collection == Collection.INBOX;
        }
        return collection == Collection.INTEL && ((Caller.User) caller).roles().contains(Role.ANALYST);
    }

    private ObjectNode describe(Collection collection, Caller caller) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", collection.id());
        node.put("title", collection.title());
        node.put("description", collection.description());
        node.put("alias", collection.alias());
        node.put("can_read", canRead(collection, caller));
        node.put("can_write", canWrite(collection, caller));
        node.putArray("media_types").add(Taxii.STIX_MEDIA_TYPE);
        return node;
    }

    private static Viewer viewer(Caller caller) {
        return caller instanceof Caller.PartnerNode partner ? Viewer.partner(partner.partner().code()) : Viewer.local();
    }

    /**
     * Section 3.4 filters and section 3.3 pagination, from the query string. Every parameter is
     * held to {@link #MAX_PARAMETER} characters without control characters (a NUL cannot even be
     * sent to PostgreSQL), a filter to {@link org.concord.node.Limits#ITEMS} values, and {@code limit}
     * to 1..{@link IntelQuery#MAX_LIMIT}: a larger limit is refused, not quietly lowered, so that a
     * client never mistakes a short page for the end of the collection.
     */
    private static IntelQuery query(Collection collection, Map<String, String> parameters, List<String> onlyIds) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!List.of("added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]").contains(name)) {
                Limits.parameter("query parameter name", name, MAX_PARAMETER);
                throw TaxiiException.badRequest("unknown query parameter '" + name + "'");
            }
            Limits.parameter(name, parameter.getValue(), MAX_PARAMETER);
        }
        int limit = DEFAULT_LIMIT;
        if (parameters.containsKey("limit")) {
            try {
                limit = Integer.parseInt(parameters.get("limit"));
            } catch (NumberFormatException e) {
                throw new InvalidInput("limit", "positive-integer", "must be an integer from 1 to " + IntelQuery.MAX_LIMIT
                        + ", got '" + parameters.get("limit") + "'");
            }
        }
        IntelQuery.checkLimit(limit);
        Instant addedAfter = parameters.containsKey("added_after") ? StixTime.parse("added_after", parameters.get("added_after")) : null;
        long after = 0; // the sealed next value is opened by pageQuery
        List<String> ids = onlyIds.isEmpty() ? filter(parameters, "match[id]") : onlyIds;
        return new IntelQuery(collection, addedAfter, ids, filter(parameters, "match[type]"), filter(parameters, "match[version]"),
                filter(parameters, "match[spec_version]"), limit, after);
    }

    /** {@link #query}, continued after the position a {@code next} value of this server names. */
    private IntelQuery pageQuery(Collection collection, Map<String, String> parameters, List<String> onlyIds) {
        IntelQuery query = query(collection, parameters, onlyIds);
        return parameters.containsKey("next") ? query.after(nextTokens.open(parameters.get("next"))) : query;
    }

    private static List<String> filter(Map<String, String> parameters, String name) {
        return Limits.items(name, list(parameters.get(name)));
    }

    private static void forbidden(Map<String, String> parameters, String... names) {
        for (String name : names) {
            if (parameters.containsKey(name)) {
                throw TaxiiException.badRequest("'" + name + "' is not a filter of this endpoint");
            }
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String token(long seq) {
        return nextTokens.seal(seq);
    }

    private String envelope(Page page) {
        StringBuilder body = new StringBuilder(64 + page.items().size() * 512);
        body.append("{\"more\":").append(page.more());
        if (page.more()) {
            body.append(",\"next\":\"").append(token(page.lastSeq())).append('"');
        }
        body.append(",\"objects\":[");
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(page.items().get(i).json());
        }
        return body.append("]}").toString();
    }

    private static HttpHeaders pageHeaders(Page page) {
        HttpHeaders headers = Taxii.headers();
        page.firstAdded().ifPresent(first -> headers.set("X-TAXII-Date-Added-First", StixTime.taxii(first)));
        page.lastAdded().ifPresent(last -> headers.set("X-TAXII-Date-Added-Last", StixTime.taxii(last)));
        return headers;
    }

    private JsonNode readEnvelope(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxContentLength) {
            throw new TaxiiException(413, "Content Too Large", "the request has " + request.getContentLengthLong()
                    + " bytes; this API root accepts at most " + maxContentLength + " (max_content_length)");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxContentLength + 1));
        }
        if (body.length > maxContentLength) {
            throw new TaxiiException(413, "Content Too Large", "the request body exceeds " + maxContentLength + " bytes (max_content_length)");
        }
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope == null || !envelope.isObject()) {
                throw TaxiiException.badRequest("the body must be a TAXII envelope: a JSON object with an 'objects' array");
            }
            return envelope;
        } catch (JacksonException e) {
            throw TaxiiException.badRequest("the body is not valid JSON: " + InvalidInput.describe(e));
        }
    }

    /** Section 4.3.1: the status resource of a POST, complete when it is answered. */
    private static ObjectNode statusResource(String id, Instant requested, List<ObjectOutcome> outcomes) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("status", "complete");
        body.put("request_timestamp", StixTime.taxii(requested));
        body.put("total_count", outcomes.size());
        ArrayNode successes = JSON.createArrayNode();
        ArrayNode failures = JSON.createArrayNode();
        for (ObjectOutcome outcome : outcomes) {
            ObjectNode detail = JSON.createObjectNode();
            detail.put("id", outcome.id());
            if (outcome.version() != null) {
                detail.put("version", outcome.version());
            }
            if (outcome.message() != null || outcome.succeeded()) {
                detail.put("message", outcome.succeeded() ? outcome.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (outcome.message() == null ? "" : ": " + outcome.message()) : outcome.message());
            }
            (outcome.succeeded() ? successes : failures).add(detail);
        }
        body.put("success_count", successes.size());
        body.set("successes", successes);
        body.put("failure_count", failures.size());
        body.set("failures", failures);
        body.put("pending_count", 0);
        body.putArray("pendings");
        return body;
    }

    private static ResponseEntity<String> ok(JsonNode body) {
        return ResponseEntity.ok().headers(Taxii.headers()).body(JSON.writeValueAsString(body));
    }
}
