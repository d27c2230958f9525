package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.concord.intel.Collection;
import org.concord.intel.IntelStore;
import org.concord.intel.stix.Tlp;
import org.concord.testing.Https;
import org.concord.testing.Stix;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Found by fuzzing the TAXII envelope (TaxiiEnvelopeFuzzTest): a partner's inbox message that the
 * STIX schema accepts but the ledger cannot record, one with neither {@code modified} nor {@code
 * created} (an SCO-like custom object) or with upper-case hex in its id's UUID, was stored and only
 * then failed where its receipt is made. The partner got a 400 for a batch whose objects were already
 * stored, with no ledger entry and no receipt, and its retries met the same 400. Rule: such a message
 * is refused on its own, in the status, naming the field; nothing of it is stored; the rest of the
 * batch is stored with its receipts.
 */
class InboxObjectsTheLedgerCannotRecordAreRefusedTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    @Test
    void aPartnersMessageWithoutATimeIsRefusedInTheStatusAndNotStored() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        String id = "x-ir-field-note--" + UUID.randomUUID();
        String timeless = "{\"type\":\"x-ir-field-note\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created_by_ref\":\""
                + nodes.ir.identity().stixIdentityId() + "\",\"text\":\"no time\"}";
        refusedAlongsideAGoodOne(nodes, id, timeless, "modified");
    }

    @Test
    void aPartnersMessageWithUpperCaseInItsIdIsRefusedInTheStatusAndNotStored() throws Exception {
        TwoNodes nodes = TwoNodes.shared();
        String id = "intrusion-set--" + UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        JsonNode upper = Stix.intrusionSet(id, "a group", nodes.ir.identity().stixIdentityId(), Tlp.GREEN, "2024-01-20T00:00:00.000Z");
        refusedAlongsideAGoodOne(nodes, id, upper.toString(), "$.id");
    }

    static void refusedAlongsideAGoodOne(TwoNodes nodes, String id, String refused, String naming) throws Exception {
        JsonNode good = Stix.intrusionSet("a group", nodes.ir.identity().stixIdentityId(), Tlp.GREEN);
        var response = Https.asPartner(nodes.ir, nodes.pk).send("POST", "/taxii2/concord/collections/" + Collection.INBOX.id() + "/objects/",
                "{\"objects\":[" + refused + "," + good + "]}", "Accept", TAXII, "Content-Type", TAXII);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode status = Stix.JSON.readTree(response.body());
        assertThat(status.path("failure_count").asInt()).as(response.body()).isEqualTo(1);
        assertThat(status.path("failures").get(0).path("id").asString()).isEqualTo(id);
        assertThat(status.path("failures").get(0).path("message").asString()).contains(naming).contains("ledger");
        assertThat(status.path("success_count").asInt()).isEqualTo(1);
        assertThat(status.path("x_concord_receipts")).hasSize(1);
        assertThat(nodes.pk.bean(IntelStore.class).inboxObject(id, null)).isEmpty();
    }
}
