package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * The current MITRE ATT&CK releases (18.1: Enterprise, Mobile, ICS, in STIX 2.1; see
 * {@code src/test/resources/stix/mitre/attack-18.1/NOTICE.md}) are imported whole, all or nothing,
 * as {@code concord intel import} does, on PostgreSQL. Each carries custom properties ending in
 * {@code _ref} that hold no identifier ({@code "x_mitre_data_source_ref": ""}, 13 in all), which
 * STIX 2.1 allows; before, each bundle was refused whole for them.
 *
 * <p>ATT&amp;CK publishes two intrusion-sets under one id and version with different content in
 * two domains ({@code x_mitre_domains}), which a store rightly refuses; so Enterprise goes into one
 * node and Mobile and ICS into another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackReleasesImportTest {

    static final String RELEASES = "stix/mitre/attack-18.1/";

    private ConfigurableApplicationContext enterpriseNode;
    private ConfigurableApplicationContext mobileAndIcsNode;
    private final List<String> schemas = new java.util.ArrayList<>();

    @BeforeAll
    void nodes() {
        enterpriseNode = OfflineNode.start(OfflineNode.Store.POSTGRES, schema("attack_ent"));
        mobileAndIcsNode = OfflineNode.start(OfflineNode.Store.POSTGRES, schema("attack_mob"));
    }

    private String schema(String prefix) {
        String schema = Postgres.newSchema(prefix);
        schemas.add(schema);
        return schema;
    }

    @AfterAll
    void close() {
        enterpriseNode.close();
        mobileAndIcsNode.close();
        schemas.forEach(Postgres::dropSchema);
    }

    /**
     * One test, so that the 25,000 objects of Enterprise are read and imported once: each release
     * whole, and Mobile refused whole by the node that holds Enterprise, naming the one object.
     */
    @Test
    void enterpriseMobileAndIcsAreEachImportedWhole() {
        imports(enterpriseNode, "enterprise-attack-18.1.json.gz", 24_771, 7);

        List<JsonNode> mobile = objectsOf("mobile-attack-18.1.json.gz");
        assertThatThrownBy(() -> enterpriseNode.getBean(Bundles.class).importObjects(mobile, new Origin.Local("test"), done -> { }))
                .isInstanceOfSatisfying(RefusedObjects.class, e -> assertThat(e.refused()).singleElement().satisfies(refusal -> {
                    assertThat(refusal.id()).isEqualTo("intrusion-set--efed95ba-d7e8-47ff-8c53-99c42426ee7c");
                    assertThat(refusal.message()).contains("a different object under the same id and version is already held");
                }));

        imports(mobileAndIcsNode, "mobile-attack-18.1.json.gz", 2_535, 1);
        imports(mobileAndIcsNode, "ics-attack-18.1.json.gz", 1_826, 5);
    }

    private void imports(ConfigurableApplicationContext node, String release, int objects, int emptyDataSourceRefs) {
        List<JsonNode> bundle = objectsOf(release);
        assertThat(bundle).hasSize(objects);
        assertThat(bundle).filteredOn(o -> "".equals(o.path("x_mitre_data_source_ref").asString(null))).hasSize(emptyDataSourceRefs);

        long started = System.nanoTime();
        Bundles.Imported imported = node.getBean(Bundles.class).importObjects(bundle, new Origin.Local("test"), done -> { });
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("imported %s: %,d objects in %,d ms%n", release, objects, millis);

        assertThat(imported.total()).isEqualTo(objects);
        assertThat(imported.outcomes().keySet()).isSubsetOf(ObjectOutcome.Kind.ADDED, ObjectOutcome.Kind.UNCHANGED);
        JsonNode empty = bundle.stream().filter(o -> "".equals(o.path("x_mitre_data_source_ref").asString(null))).findFirst().orElseThrow();
        assertThat(node.getBean(IntelStore.class).find(IntelQuery.all(Collection.INTEL, 1, 0).withIds(List.of(empty.path("id").asString())),
                Viewer.local()).items()).singleElement().satisfies(stored -> assertThat(Bundles.objectsOf(
                        stored.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0)).isEqualTo(empty));
    }

    static List<JsonNode> objectsOf(String release) {
        try (InputStream in = AttackReleasesImportTest.class.getClassLoader().getResourceAsStream(RELEASES + release)) {
            if (in == null) {
                throw new IllegalArgumentException("no such test resource: " + RELEASES + release);
            }
            try (InputStream unzipped = new GZIPInputStream(in, 1 << 16)) {
                return Bundles.objectsOf(unzipped.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
