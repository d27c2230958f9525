package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.concord.exchange.sync.PartnerIntelPull;
import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.Viewer;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PK's ADMIN changes what IR may read while both nodes run (issue 14): PUT /api/intel/sharing puts
 * TLP:AMBER within IR's reach, and IR's next pull starts again from the beginning and brings the
 * AMBER object PK had long held; DELETE puts the configuration back, and AMBER added later stays
 * home. Each change is audited. Callers who may not change the settings get 401 or 403, bad
 * settings a 400 naming the field and the rule, and nothing of the settings in force changes. A
 * message queued while the partner could read what it names, and still waiting when the sharing is
 * withdrawn, is set aside rather than sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingChangedAtRunTimeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final PartyCode PK = PartyCode.of("PK");
    static final String SETTINGS = "/api/intel/sharing";

    TwoNodes nodes;

    @BeforeAll
    void start() {
        nodes = TwoNodes.startPaired(Map.of(), Map.of());
    }

    @AfterAll
    void stop() {
        nodes.stop();
    }

    @Test
    void anAdminSharesAmberWithThePartnerAtRunTimeAndThePartnersPullBringsWhatWasHeldBefore() throws Exception {
        String pk = nodes.pk.identity().stixIdentityId();
        IntelStore pkStore = nodes.pk.bean(IntelStore.class);
        ObjectNode amber = Stix.intrusionSet("Balochistan Liberation Front (run-time test)", pk, Tlp.AMBER);
        ObjectNode green = Stix.intrusionSet("Jaish al-Adl (run-time test)", pk, Tlp.GREEN);
        pkStore.store(Collection.INTEL, List.of(amber, green), new Origin.Local("test"));
        assertThat(pull()).as("IR's first pull").isNull();
        assertThat(heldAtIr(green)).isTrue();
        assertThat(heldAtIr(amber)).as("AMBER is not IR's by the configuration").isFalse();

        JsonNode before = json(200, as(nodes.pk, Role.VIEWER).get(SETTINGS, auth(nodes.pk, Role.VIEWER)));
        assertThat(before.path("source").asString()).isEqualTo("configuration");
        assertThat(before.path("amber")).isEmpty();

        JsonNode changed = json(200, put(nodes.pk, Role.ADMIN, """
                {"amber":["IR"],"unmarked":[],"reShare":{},"acceptRelayed":{}}"""));
        assertThat(changed.path("source").asString()).isEqualTo("set-at-run-time");
        assertThat(changed.path("amber").toString()).isEqualTo("[\"IR\"]");
        assertThat(changed.path("changedBy").asString()).isEqualTo("user:" + nodes.pk.username(Role.ADMIN));
        assertThat(changed.path("configured").path("amber")).isEmpty();
        assertThat(pkStore.visible(Collection.INTEL, amber.path("id").asString(), Viewer.partner(PartyCode.of("IR")))).isTrue();

        assertThat(pull()).as("IR's pull after the change").isNull();
        assertThat(heldAtIr(amber)).as("the pull started again and brought the AMBER object PK held before").isTrue();

        String audit = as(nodes.pk, Role.ADMIN).get("/api/audit?limit=50", auth(nodes.pk, Role.ADMIN)).body();
        assertThat(audit).contains("intel.sharing-changed").contains("\\\"amber\\\":[\\\"IR\\\"]");

        JsonNode back = json(200, as(nodes.pk, Role.ADMIN).send("DELETE", SETTINGS, null, auth(nodes.pk, Role.ADMIN)));
        assertThat(back.path("source").asString()).isEqualTo("configuration");
        ObjectNode later = Stix.intrusionSet("added after the change was undone", pk, Tlp.AMBER);
        pkStore.store(Collection.INTEL, List.of(later), new Origin.Local("test"));
        assertThat(pull()).isNull();
        assertThat(heldAtIr(later)).as("AMBER added once the configuration is back stays home").isFalse();
        assertThat(heldAtIr(amber)).as("what was sent stays sent").isTrue();
    }

    @Test
    void aMessageQueuedWhileAmberWasSharedIsSetAsideIfTheSharingIsWithdrawnBeforeItLeaves() throws Exception {
        String pk = nodes.pk.identity().stixIdentityId();
        PartyCode ir = PartyCode.of("IR");
        IntelStore pkStore = nodes.pk.bean(IntelStore.class);
        ObjectNode amber = Stix.intrusionSet("Amber group (withdrawn before delivery)", pk, Tlp.AMBER);
        ObjectNode green = Stix.intrusionSet("Green group", pk, Tlp.GREEN);
        pkStore.store(Collection.INTEL, List.of(amber, green), new Origin.Local("test"));
        json(200, put(nodes.pk, Role.ADMIN, "{\"amber\":[\"IR\"],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{}}"));

        // Queued while IR may read the AMBER object; delivery has not run yet (tests run it by hand).
        Outbox outbox = nodes.pk.bean(Outbox.class);
        ObjectNode citing = Stix.relationship(green.path("id").asString(), "related-to", amber.path("id").asString(), pk, Tlp.GREEN);
        ObjectNode harmless = Stix.intrusionSet("queued alongside", pk, Tlp.GREEN);
        outbox.enqueue(ir, citing);
        outbox.enqueue(ir, harmless);
        Thread.sleep(5); // the change comes strictly after both were queued
        json(200, as(nodes.pk, Role.ADMIN).send("DELETE", SETTINGS, null, auth(nodes.pk, Role.ADMIN)));

        nodes.pk.bean(org.concord.exchange.sync.OutboxDelivery.class).deliver(ir);
        assertThat(outbox.poisoned(ir)).as("the message naming the AMBER object is set aside, with why")
                .anySatisfy(m -> {
                    assertThat(m.objectId()).isEqualTo(citing.path("id").asString());
                    assertThat(m.poisonReason()).contains("sharing settings changed").contains(amber.path("id").asString());
                });
        assertThat(outbox.pending(ir)).as("nothing waits behind it").isEmpty();
        IntelStore irStore = nodes.ir.bean(IntelStore.class);
        assertThat(irStore.visible(Collection.INBOX, citing.path("id").asString(), Viewer.local())).as("never reached IR").isFalse();
        assertThat(irStore.visible(Collection.INBOX, harmless.path("id").asString(), Viewer.local())).as("the rest still goes").isTrue();
    }

    @Test
    void whoMayNotChangeTheSettingsIsRefusedAndBadSettingsAreRefusedByFieldAndRule() throws Exception {
        String valid = "{\"amber\":[\"IR\"],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{}}";
        for (Role role : List.of(Role.LIAISON, Role.ANALYST, Role.VIEWER)) {
            assertThat(put(nodes.pk, role, valid).statusCode()).as(role + " PUT").isEqualTo(403);
            assertThat(as(nodes.pk, role).send("DELETE", SETTINGS, null, auth(nodes.pk, role)).statusCode()).as(role + " DELETE")
                    .isEqualTo(403);
        }
        Https partner = Https.asPartner(nodes.ir, nodes.pk);
        assertThat(partner.send("PUT", SETTINGS, valid, "Content-Type", "application/json").statusCode()).isEqualTo(403);
        assertThat(partner.get(SETTINGS).statusCode()).as("a partner does not read our settings").isEqualTo(403);
        assertThat(Https.to(nodes.pk).send("PUT", SETTINGS, valid, "Content-Type", "application/json").statusCode()).isEqualTo(401);

        String inForce = as(nodes.pk, Role.ADMIN).get(SETTINGS, auth(nodes.pk, Role.ADMIN)).body();
        Map<String, String[]> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{\"amber\":[\"AF\"],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{}}", new String[] {"amber[0]", "paired-partner"});
        refusals.put("{\"amber\":[\"IR\"]}", new String[] {"unmarked", "required"});
        refusals.put("{\"amber\":[\"Iran\"],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{}}", new String[] {"amber[0]", "iso-3166-alpha-2"});
        refusals.put("{\"amber\":[],\"unmarked\":[],\"reShare\":{\"IR\":[\"IR\"]},\"acceptRelayed\":{}}", new String[] {"reShare.IR[0]", "another-partner"});
        refusals.put("{\"amber\":[],\"unmarked\":[],\"reShare\":[],\"acceptRelayed\":{}}", new String[] {"reShare", "object"});
        refusals.put("{\"amber\":[\"IR\",\"IR\"],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{}}", new String[] {"amber[1]", "unique"});
        refusals.put("{\"amber\":[],\"unmarked\":[],\"reShare\":{},\"acceptRelayed\":{},\"red\":[\"IR\"]}", new String[] {"red", "unknown-property"});
        for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
            JsonNode problem = json(400, put(nodes.pk, Role.ADMIN, refusal.getKey()));
            assertThat(problem.path("field").asString()).as(refusal.getKey()).isEqualTo(refusal.getValue()[0]);
            assertThat(problem.path("rule").asString()).as(refusal.getKey()).isEqualTo(refusal.getValue()[1]);
        }
        assertThat(as(nodes.pk, Role.ADMIN).get(SETTINGS, auth(nodes.pk, Role.ADMIN)).body()).as("nothing changed").isEqualTo(inForce);
    }

    private String pull() {
        return nodes.ir.bean(PartnerIntelPull.class).pull(PK).error();
    }

    private boolean heldAtIr(ObjectNode object) {
        return nodes.ir.bean(IntelStore.class).visible(Collection.INTEL, object.path("id").asString(), Viewer.local());
    }

    static Https as(TestNode node, Role role) {
        return Https.to(node);
    }

    static String[] auth(TestNode node, Role role) {
        return Https.basic(node.username(role), node.password(role));
    }

    static HttpResponse<String> put(TestNode node, Role role, String body) throws Exception {
        String[] basic = auth(node, role);
        return Https.to(node).send("PUT", SETTINGS, body, basic[0], basic[1], "Content-Type", "application/json");
    }

    static JsonNode json(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
