package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.Origin;
import org.concord.intel.stix.Tlp;
import org.concord.party.NodeIdentity;
import org.concord.party.Role;
import org.concord.screening.Watchlists;
import org.concord.testing.Stix;
import org.concord.testing.TestNode;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watchlist made from the intel store holds objects under their markings. A private set intersection tells
 * the partner, for each of its own names, whether this node lists it too: so an entry whose object the partner
 * may not read (TLP:RED, here) must not take part, or the session would tell IR what PK keeps from it. The
 * gate is the sharing policy's own, as for a pull: the partner learns of a match only where it could have
 * read the object.
 */
class PsiMatchesOnlyWhatThePartnerMayReadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anEntryThePartnerMayNotReadIsNotInTheSetAndSoNeverMatches() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        IntelStore store = nodes.pk.bean(IntelStore.class);
        String self = nodes.pk.bean(NodeIdentity.class).stixIdentityId();
        ObjectNode secret = Stix.intrusionSet("Jundallah Psi Red", self, Tlp.RED);
        ObjectNode shared = Stix.intrusionSet("Sarmachar Psi Green", self, Tlp.GREEN);
        store.store(Collection.INTEL, List.of(secret, shared), new Origin.Local("user:test"));
        nodes.pk.bean(Watchlists.class).importIntel("psi-intel", "own");
        // IR lists both names: without the gate it would learn that PK holds the RED one
        nodes.ir.bean(Watchlists.class).importList("psi-ir-both", Watchlists.Format.CSV, new java.io.ByteArrayInputStream(
                ("reference,name\nIR-RED,Jundallah Psi Red\nIR-GREEN,Sarmachar Psi Green\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        HttpResponse<String> requested = api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions",
                "{\"partner\":\"IR\",\"list\":\"psi-intel\"}", "Content-Type", "application/json");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = JSON.readTree(requested.body()).path("id").asString();
        HttpResponse<String> accepted = api(nodes.ir, Role.ANALYST).send("POST", "/api/screening/psi/sessions/" + id + "/accept",
                "{\"list\":\"psi-ir-both\"}", "Content-Type", "application/json");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode atIr = JSON.readTree(accepted.body());
        assertThat(atIr.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(references(atIr)).as("IR learns of the GREEN one only").containsExactly("IR-GREEN");

        JsonNode atPk = JSON.readTree(api(nodes.pk, Role.VIEWER).get("/api/screening/psi/sessions/" + id).body());
        assertThat(references(atPk)).containsExactly(shared.path("id").asString());
        // the set PK sent held the GREEN entry's keys only (the size crosses the wire, so it must not count the RED one)
        int greenKeys = PsiKeys.of("Sarmachar Psi Green").size();
        assertThat(atPk.path("ownSetSize").asInt()).isEqualTo(greenKeys).isEqualTo(atIr.path("partnerSetSize").asInt());
    }

    @Test
    void aListOfNothingThePartnerMayReadIsRefusedNamingTheRule() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        IntelStore store = nodes.pk.bean(IntelStore.class);
        String self = nodes.pk.bean(NodeIdentity.class).stixIdentityId();
        store.store(Collection.INTEL, List.of(Stix.intrusionSet("Only Red Psi Group", self, Tlp.RED)), new Origin.Local("user:test"));
        nodes.pk.bean(Watchlists.class).importIntel("psi-only-red", "own");
        // the list also takes the node's other own objects; keep only the RED one listed
        nodes.pk.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql(
                "update screening_entry set listed = false where source = 'psi-only-red' and reference not in"
                        + " (select reference from screening_name where source = 'psi-only-red' and name = 'Only Red Psi Group')").update();
        HttpResponse<String> refused = api(nodes.pk, Role.LIAISON).send("POST", "/api/screening/psi/sessions",
                "{\"partner\":\"IR\",\"list\":\"psi-only-red\"}", "Content-Type", "application/json");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.toString()).contains("list").contains("nothing-shareable");
    }

    private static List<String> references(JsonNode session) {
        List<String> refs = new ArrayList<>();
        session.path("matches").forEach(m -> refs.add(m.path("reference").asString()));
        return refs;
    }

    private static Person api(TestNode node, Role role) {
        return Person.of(node, role);
    }
}
