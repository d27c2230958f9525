package org.concord.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.deconfliction.OverHttps.*;

import org.concord.intel.stix.Tlp;
import org.concord.party.Role;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The API is in the OpenAPI document, and the STIX types are declared by extension definitions in the intel collection. */
class DeconflictionIsDescribedTest {

    private final TwoNodes nodes = TwoNodes.shared();

    @Test
    void the_openapi_document_lists_every_deconfliction_endpoint() throws Exception {
        JsonNode paths = json(get(nodes.pk, Role.VIEWER, "/v3/api-docs")).get("paths");
        assertThat(paths.get("/api/deconfliction/notices").has("post")).isTrue();
        assertThat(paths.get("/api/deconfliction/notices").has("get")).isTrue();
        assertThat(paths.get("/api/deconfliction/notices").get("post").get("responses").has("422")).isTrue();
        for (String path : new String[] {"/api/deconfliction/notices/{id}", "/api/deconfliction/sites",
            "/api/deconfliction/conflicts", "/api/deconfliction/map/boundaries", "/api/deconfliction/map/provinces",
            "/api/deconfliction/map/border", "/api/deconfliction/map/border-zone", "/api/deconfliction/map/notices",
            "/api/deconfliction/map/sites", "/api/deconfliction/map/conflicts", "/api/deconfliction/events",
            "/api/deconfliction/events/{id}", "/api/deconfliction/map/events", "/api/deconfliction/conflicts/{id}",
            "/api/deconfliction/conflicts/{id}/answer", "/api/deconfliction/events/{id}/acknowledge", "/api/deconfliction/alarms",
            "/api/deconfliction/notices/{id}/revise", "/api/deconfliction/notices/{id}/withdraw"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    @Test
    void each_node_stores_its_extension_definitions_in_its_intel_collection_as_tlp_clear() throws Exception {
        JsonNode objects = json(get(nodes.ir, Role.VIEWER, "/api/intel/objects?type=extension-definition")).get("objects");
        java.util.List<String> types = java.util.List.of("x-concord-operation-notice", "x-concord-protected-site",
                "x-concord-unplanned-event", "x-concord-conflict-answer", "x-concord-event-acknowledgement");
        assertThat(objects).filteredOn(o -> o.get("created_by_ref").asString().equals(nodes.ir.identity().stixIdentityId()))
                .filteredOn(o -> types.stream().anyMatch(t -> o.get("description").asString().endsWith("Declares the object type " + t + ".")))
                .hasSize(5)
                .allSatisfy(o -> {
                    assertThat(o.get("extension_types").get(0).asString()).isEqualTo("new-sdo");
                    assertThat(o.get("object_marking_refs").get(0).asString()).isEqualTo(Tlp.CLEAR.markingDefinitionId());
                })
                .extracting(o -> o.get("description").asString())
                .anySatisfy(d -> assertThat(d).contains("x-concord-operation-notice"))
                .anySatisfy(d -> assertThat(d).contains("x-concord-protected-site"))
                .anySatisfy(d -> assertThat(d).contains("x-concord-unplanned-event"))
                .anySatisfy(d -> assertThat(d).contains("x-concord-conflict-answer"))
                .anySatisfy(d -> assertThat(d).contains("x-concord-event-acknowledgement"));
    }
}
