package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Found by fuzzing the TAXII envelope (TaxiiEnvelopeFuzzTest): a partner's inbox message with
 * neither {@code modified} nor {@code created} passed the STIX schema (it is an SCO-like custom
 * object), was stored, and only then failed where its receipt is made (the ledger records a message
 * by its id and time), so the partner got a 400 for a batch whose objects were already stored, with
 * no ledger entry and no receipt. Rule: a message to the inbox carries {@code modified} (or {@code
 * created}); one without is refused on its own, in the status, and nothing of it is stored.
 */
class InboxObjectsWithoutATimeAreRefusedTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    @Test
    void aPartnersMessageWithoutATimeIsRefusedInTheStatusAndNotStored() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        String id = "x-ir-field-note--" + UUID.randomUUID();
        String timeless = "{\"type\":\"x-ir-field-note\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created_by_ref\":\""
                + nodes.ir.identity().stixIdentityId() + "\",\"text\":\"no time\"}";
        JsonNode good = Stix.intrusionSet("a group", nodes.ir.identity().stixIdentityId(), org.concord.intel.stix.Tlp.GREEN);

        var response = Https.asPartner(nodes.ir, nodes.pk).send("POST", "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/",
                "{\"objects\":[" + timeless + "," + good + "]}", "Accept", TAXII, "Content-Type", TAXII);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode status = Stix.JSON.readTree(response.body());
        assertThat(status.path("failure_count").asInt()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("id").asString()).isEqualTo(id);
        assertThat(status.path("failures").get(0).path("message").asString()).contains("modified");
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("x_concord_receipts")).hasSize(1);
        assertThat(nodes.pk.bean(IntelStore.class).inboxObject(id, null)).isEmpty();
    }
}
