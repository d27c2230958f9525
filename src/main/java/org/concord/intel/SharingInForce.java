package org.concord.intel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.concord.audit.AuditLog;
import org.concord.intel.stix.SharingPolicy;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;
import org.concord.party.Partners;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sharing settings in force: those an ADMIN set at run time ({@code PUT /api/intel/sharing},
 * stored in {@code intel_sharing_settings}), else {@code concord.sharing} from the configuration
 * file. Every reader of the sharing policy reads it here, so a change takes effect on the next
 * page a partner reads, the next message the outbox delivers and the next "what the partner
 * sees", without a restart. Each change is audited ({@code intel.sharing-changed}) with the
 * settings before and after.
 *
 * <p>A partner learns that what it may read changed from {@link #digestFor(PartyCode)}, sent with
 * every page it reads ({@code X-Concord-Sharing}); its pull then starts again from the beginning, so
 * objects newly shared with it arrive. Objects it already holds stay with it: sharing less stops
 * what is sent from now on, it cannot take back what was sent.
 *
 * <p>One instance of a node holds the settings it read at start or set itself; several instances
 * sharing one database see another's change only after a restart.
 */
@Service
public class SharingInForce {

    /** Where the settings in force come from. */
    public enum Source {
        /** {@code concord.sharing} in the configuration file. */
        CONFIGURATION,
        /** Set by an ADMIN through the API or the console; wins over the configuration until deleted. */
        SET_AT_RUN_TIME
    }

    /**
     * The settings in force and where they come from.
     *
     * @param changedBy who last changed the settings at run time, or put the configuration back
     *        ({@code null} if nobody ever did)
     * @param changedAt when ({@code null} if never)
     */
    public record InForce(SharingSettings settings, Source source, String changedBy, Instant changedAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> FIELDS = Set.of("amber", "unmarked", "reShare", "acceptRelayed");

    private final SharingSettings configured;
    private final JdbcClient jdbc;
    private final Partners partners;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private volatile State state;
    /** When the settings in force last changed (stored, or set or deleted in this run); null if never. */
    private volatile Instant lastChanged;

    private record State(InForce inForce, SharingPolicy policy) {
        State(InForce inForce) {
            this(inForce, inForce.settings().policy());
        }
    }

    SharingInForce(SharingSettings configured, JdbcClient jdbc, Partners partners, AuditLog audit, Clock clock,
            TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.configured = configured;
        this.jdbc = jdbc;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
        this.state = new State(jdbc.sql("select settings, changed_by, changed_at from intel_sharing_settings where id = 1")
                .query((rs, n) -> rs.getString(1) == null
                        ? new InForce(configured, Source.CONFIGURATION, rs.getString(2), rs.getTimestamp(3).toInstant())
                        : new InForce(read(JSON.readTree(rs.getString(1))), Source.SET_AT_RUN_TIME, rs.getString(2),
                                rs.getTimestamp(3).toInstant()))
                .optional().orElse(new InForce(configured, Source.CONFIGURATION, null, null)));
        this.lastChanged = state.inForce().changedAt();
    }

    /**
     * When the settings in force last changed: at run time in this process, or as stored; {@code null}
     * if they never did. A message queued before it is checked again at delivery.
     */
    public Instant lastChanged() {
        return lastChanged;
    }

    /** The settings in force. */
    public InForce current() {
        return state.inForce();
    }

    /** The settings of the configuration file, in force or not. */
    public SharingSettings configured() {
        return configured;
    }

    /** The sharing policy of the settings in force. */
    public SharingPolicy policy() {
        return state.policy();
    }

    /**
     * Sets {@code body} (all four fields: {@code amber}, {@code unmarked}, {@code reShare},
     * {@code acceptRelayed}) as the settings in force, stored and audited in one transaction.
     *
     * @throws InvalidInput naming the field and the rule: a field missing or of the wrong shape, a
     *         code that is not a paired partner, a partner passing on to itself
     */
    public InForce change(JsonNode body, String actor) {
        SharingSettings next = validated(body);
        InForce before = current();
        InForce after = new InForce(next, Source.SET_AT_RUN_TIME, actor, clock.instant());
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("update intel_sharing_settings set settings = ?, changed_by = ?, changed_at = ? where id = 1")
                    .params(json(next).toString(), actor, Timestamp.from(after.changedAt())).update();
            if (updated == 0) {
                jdbc.sql("insert into intel_sharing_settings (id, settings, changed_by, changed_at) values (1, ?, ?, ?)")
                        .params(json(next).toString(), actor, Timestamp.from(after.changedAt())).update();
            }
            audit.record(actor, "intel.sharing-changed", "sharing", "from " + describe(before) + " to " + describe(after));
            events.publishEvent(new SharingChanged(before.settings(), after.settings()));
            state = new State(after);
            lastChanged = after.changedAt();
        });
        return after;
    }

    /** Puts the configuration file's settings back in force (nothing to do if they are), audited. */
    public InForce returnToConfiguration(String actor) {
        InForce before = current();
        if (before.source() == Source.CONFIGURATION) {
            return before;
        }
        InForce after = new InForce(configured, Source.CONFIGURATION, actor, clock.instant());
        transactions.executeWithoutResult(status -> {
            // the row stays, settings null: when the settings last changed outlives a restart
            jdbc.sql("update intel_sharing_settings set settings = null, changed_by = ?, changed_at = ? where id = 1")
                    .params(actor, Timestamp.from(after.changedAt())).update();
            audit.record(actor, "intel.sharing-changed", "sharing", "from " + describe(before) + " to " + describe(after));
            events.publishEvent(new SharingChanged(before.settings(), after.settings()));
            state = new State(after);
            lastChanged = after.changedAt();
        });
        return after;
    }

    /**
     * A digest of the settings as they bear on {@code partner}: what it may read (AMBER, unmarked)
     * and whose objects are passed on to it. It changes exactly when what the partner may read
     * changes by the settings, and says nothing of what other partners may read.
     */
    public String digestFor(PartyCode partner) {
        SharingSettings settings = current().settings();
        StringBuilder text = new StringBuilder();
        text.append("amber=").append(settings.amber().contains(partner.value()));
        text.append(";unmarked=").append(settings.unmarked().contains(partner.value()));
        text.append(";from=");
        new TreeMap<>(settings.reShare()).forEach((from, to) -> {
            if (to.contains(partner.value())) {
                text.append(from).append(',');
            }
        });
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code settings} as the API shows and takes them. */
    public static ObjectNode json(SharingSettings settings) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode amber = out.putArray("amber");
        settings.amber().forEach(amber::add);
        ArrayNode unmarked = out.putArray("unmarked");
        settings.unmarked().forEach(unmarked::add);
        ObjectNode reShare = out.putObject("reShare");
        new TreeMap<>(settings.reShare()).forEach((from, to) -> to.forEach(reShare.withArray(from)::add));
        ObjectNode relayed = out.putObject("acceptRelayed");
        new TreeMap<>(settings.acceptRelayed()).forEach((from, to) -> to.forEach(relayed.withArray(from)::add));
        return out;
    }

    private SharingSettings validated(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "json-object", "the sharing settings must be a JSON object with " + new java.util.TreeSet<>(FIELDS));
        }
        InvalidInput.onlyProperties("", body, FIELDS);
        for (String field : List.of("amber", "unmarked", "reShare", "acceptRelayed")) {
            if (!body.has(field)) {
                throw new InvalidInput(field, "required", "PUT replaces the settings whole: give " + field
                        + " too (" + (field.equals("amber") || field.equals("unmarked") ? "[]" : "{}") + " for none)");
            }
        }
        List<String> amber = partnerList("amber", body.get("amber"));
        List<String> unmarked = partnerList("unmarked", body.get("unmarked"));
        Map<String, List<String>> reShare = new LinkedHashMap<>();
        forEachEntry("reShare", body.get("reShare"), (from, path) -> {
            List<String> to = partnerList(path, body.get("reShare").get(from));
            if (to.contains(from)) {
                throw new InvalidInput(path + "[" + to.indexOf(from) + "]", "another-partner",
                        "objects received from " + from + " are passed on to other partners, not back to " + from);
            }
            reShare.put(from, to);
        });
        Map<String, List<String>> relayed = new LinkedHashMap<>();
        forEachEntry("acceptRelayed", body.get("acceptRelayed"), (from, path) -> {
            JsonNode list = body.get("acceptRelayed").get(from);
            if (!list.isArray()) {
                throw new InvalidInput(path, "array", "must be a list of partner codes or STIX identity ids");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String value = list.get(i).isString() ? list.get(i).asString() : "";
                if (!value.startsWith("identity--")) {
                    value = partner(path + "[" + i + "]", list.get(i));
                }
                values.add(value);
            }
            relayed.put(from, values);
        });
        return new SharingSettings(amber, unmarked, reShare, relayed);
    }

    private interface Entry {
        void accept(String from, String path);
    }

    private void forEachEntry(String field, JsonNode object, Entry entry) {
        if (!object.isObject()) {
            throw new InvalidInput(field, "object", "must be an object from a partner's code to a list, e.g. {\"IR\": [\"AF\"]}");
        }
        for (String from : object.propertyNames()) {
            String path = field + "." + from;
            partner(path, JSON.getNodeFactory().stringNode(from));
            entry.accept(from, path);
        }
    }

    private List<String> partnerList(String field, JsonNode list) {
        if (list == null || !list.isArray()) {
            throw new InvalidInput(field, "array", "must be a list of partner codes, e.g. [\"IR\"]");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String code = partner(field + "[" + i + "]", list.get(i));
            if (codes.contains(code)) {
                throw new InvalidInput(field + "[" + i + "]", "unique", code + " is listed twice");
            }
            codes.add(code);
        }
        return codes;
    }

    private String partner(String field, JsonNode value) {
        if (value == null || !value.isString()) {
            throw new InvalidInput(field, "iso-3166-alpha-2", "must be a partner's code, e.g. \"IR\"");
        }
        PartyCode code = PartyCode.required(value.asString(), field);
        if (partners.byCode(code).isEmpty()) {
            throw new InvalidInput(field, "paired-partner", "this node is not paired with " + code);
        }
        return code.value();
    }

    private static SharingSettings read(JsonNode json) {
        return new SharingSettings(strings(json.path("amber")), strings(json.path("unmarked")), lists(json.path("reShare")),
                lists(json.path("acceptRelayed")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static Map<String, List<String>> lists(JsonNode object) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        object.propertyNames().forEach(key -> lists.put(key, strings(object.path(key))));
        return lists;
    }

    private static String describe(InForce inForce) {
        return (inForce.source() == Source.CONFIGURATION ? "the configuration " : "") + json(inForce.settings());
    }

    @Override
    public String toString() {
        return "SharingInForce" + Objects.toString(current());
    }
}
