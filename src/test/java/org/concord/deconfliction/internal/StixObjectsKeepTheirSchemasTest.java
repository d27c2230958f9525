package org.concord.deconfliction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.concord.deconfliction.AirspaceReference;
import org.concord.deconfliction.Classification;
import org.concord.deconfliction.Contact;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationArea;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.OperationType;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.TimeWindow;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.Position;
import org.concord.intel.stix.StixValidator;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the node sends is what docs/extensions says it sends: every kind of notice, a site and an
 * event pass both the published JSON schema and the intel store's STIX validation, and read back
 * to the same values.
 */
class StixObjectsKeepTheirSchemasTest {

    private static final String IDENTITY = "identity--8c0a3a1e-8d0b-4e0e-9f43-6c3b0e9d2a11";
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00.123Z");
    private static final PartyCode PK = PartyCode.of("PK");
    private static final PartyCode IR = PartyCode.of("IR");
    private static final GeoJson READER = GeoJson.reader();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build())
                    // Remote fetching is on only so that the file: URI of docs/extensions loads; both prefixes are mapped.
                    .schemaLoader(loader -> loader.fetchRemoteResources(true).schemaIdResolvers(resolvers -> resolvers
                            .mapPrefix("http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/",
                                    "classpath:stix/schemas/")
                            .mapPrefix(StixMapping.SCHEMA_BASE, java.nio.file.Path.of("docs/extensions").toAbsolutePath().toUri().toString()))));

    private static Schema schema(String type) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(StixMapping.SCHEMA_BASE + type + ".json"));
        schema.initializeValidators();
        return schema;
    }

    private static OperationNotice notice(OperationType type, OperationArea area, List<AirspaceReference> refs) {
        return new OperationNotice(NoticeId.random(), PK, IR, type, area,
                TimeWindow.of(NOW.plus(Duration.ofDays(4)), Duration.ofHours(12)), refs,
                new Contact("Duty officer", "Concord hotline, desk 2"), Classification.AMBER_STRICT);
    }

    private static Geometry square(double lon, double lat) {
        return READER.read("square", "{\"type\":\"Polygon\",\"coordinates\":[[[" + (lon - 0.1) + "," + (lat - 0.1) + "],["
                + (lon + 0.1) + "," + (lat - 0.1) + "],[" + (lon + 0.1) + "," + (lat + 0.1) + "],[" + (lon - 0.1) + ","
                + (lat + 0.1) + "],[" + (lon - 0.1) + "," + (lat - 0.1) + "]]]}");
    }

    @Test
    void every_kind_of_notice_keeps_its_schema_and_reads_back_the_same() {
        LineString trajectory = (LineString) READER.read("t", "{\"type\":\"LineString\",\"coordinates\":[[68.0,30.0],[68.5,30.05],[69.0,30.0]]}");
        List<OperationNotice> notices = List.of(
                notice(OperationType.BORDER_PATROL, OperationArea.aroundPoint(new Position(27.1, 63.3), 2), List.of()),
                notice(OperationType.EXERCISE, OperationArea.polygon(square(64.0, 27.0)), List.of()),
                notice(OperationType.MISSILE_OR_ARTILLERY, OperationArea.missileFlight(new Position(30.0, 68.0),
                        square(69.0, 30.0), trajectory), List.of(AirspaceReference.notam("A0123/26"),
                        AirspaceReference.navarea("NAVAREA IX 45/26"))));
        Schema schema = schema(StixMapping.NOTICE_TYPE);
        for (OperationNotice notice : notices) {
            ObjectNode stix = StixMapping.notice(notice, IDENTITY, NOW);
            assertThat(schema.validate(stix)).as(stix.toString()).isEmpty();
            assertThat(StixValidator.withOasisSchemas().validate(stix)).as(stix.toString()).isEmpty();
            OperationNotice back = StixMapping.readNotice(stix, PK, READER);
            assertThat(StixMapping.notice(back, IDENTITY, NOW)).isEqualTo(stix);
            assertThat(stix.get("id").asString()).isEqualTo(StixMapping.noticeStixId(notice));
            assertThat(stix.get("created").asString()).isEqualTo("2026-03-02T06:00:00.123Z");
        }
        // and the schema is no formality: a notice without its window or with an unknown operation type fails it
        ObjectNode spoiled = StixMapping.notice(notices.get(0), IDENTITY, NOW);
        spoiled.remove("window");
        spoiled.put("operation_type", "SIEGE");
        assertThat(schema.validate(spoiled)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a_protected_site_and_an_unplanned_event_keep_their_schemas() {
        ProtectedSite site = new ProtectedSite("Taftan-Mirjaveh crossing", ProtectedSite.Kind.CROSSING_POINT, IR,
                square(61.52, 28.99));
        ObjectNode siteStix = StixMapping.site("site-1", site, IDENTITY, NOW);
        assertThat(schema(StixMapping.SITE_TYPE).validate(siteStix)).as(siteStix.toString()).isEmpty();
        assertThat(StixValidator.withOasisSchemas().validate(siteStix)).isEmpty();
        assertThat(StixMapping.readSite(siteStix, IR, READER).name()).isEqualTo("Taftan-Mirjaveh crossing");

        UnplannedEvent event = new UnplannedEvent(NoticeId.random(), PK, IR, UnplannedEvent.Kind.ACCIDENTAL_LAUNCH,
                NOW.minus(Duration.ofMinutes(3)), READER.read("track", "{\"type\":\"LineString\",\"coordinates\":[[63.5,27.0],[62.5,27.3]]}"),
                "A training rocket left its range heading west.", new Contact("Duty officer", "hotline"));
        ObjectNode eventStix = StixMapping.event(event, IDENTITY, NOW);
        assertThat(schema(StixMapping.EVENT_TYPE).validate(eventStix)).as(eventStix.toString()).isEmpty();
        assertThat(StixValidator.withOasisSchemas().validate(eventStix)).isEmpty();
        assertThat(StixMapping.event(StixMapping.readEvent(eventStix, PK, READER), IDENTITY, NOW)).isEqualTo(eventStix);
    }

    @Test
    void a_conflict_answer_keeps_its_schema_and_an_objection_without_reason_fails_it() {
        org.concord.deconfliction.ConflictId conflict = org.concord.deconfliction.ConflictId.of("pk-fc-1", "protected-site",
                "Taftan-Mirjaveh crossing");
        for (org.concord.deconfliction.ConflictAnswer answer : List.of(
                new org.concord.deconfliction.ConflictAnswer(conflict, IR, org.concord.deconfliction.ConflictAnswer.Verdict.OBJECT,
                        java.util.Optional.of("The crossing is open on those days."), NOW),
                new org.concord.deconfliction.ConflictAnswer(conflict, IR, org.concord.deconfliction.ConflictAnswer.Verdict.ACKNOWLEDGE,
                        java.util.Optional.empty(), NOW))) {
            ObjectNode stix = StixMapping.answer(answer, "pk-fc-1", IDENTITY, NOW);
            assertThat(schema(StixMapping.ANSWER_TYPE).validate(stix)).as(stix.toString()).isEmpty();
            assertThat(StixValidator.withOasisSchemas().validate(stix)).as(stix.toString()).isEmpty();
            assertThat(StixMapping.readAnswer(stix, IR)).isEqualTo(answer);
        }
        ObjectNode spoiled = StixMapping.answer(new org.concord.deconfliction.ConflictAnswer(conflict, IR,
                org.concord.deconfliction.ConflictAnswer.Verdict.OBJECT, java.util.Optional.of("why"), NOW), "pk-fc-1", IDENTITY, NOW);
        spoiled.remove("reason");
        assertThat(schema(StixMapping.ANSWER_TYPE).validate(spoiled)).isNotEmpty();
        assertThatThrownBy(() -> StixMapping.readAnswer(spoiled, IR)).hasMessageStartingWith("reason:");
        assertThatThrownBy(() -> StixMapping.readAnswer(spoiled, PK)).hasMessageStartingWith("answered_by:");
    }

    @Test
    void a_revision_and_a_withdrawal_are_later_versions_of_the_same_notice_and_keep_its_schema() {
        OperationNotice first = notice(OperationType.BORDER_PATROL, OperationArea.aroundPoint(new Position(27.1, 63.3), 2), List.of());
        ObjectNode sent = StixMapping.notice(first, IDENTITY, NOW);
        OperationNotice moved = new OperationNotice(first.id(), PK, IR, first.type(),
                OperationArea.aroundPoint(new Position(27.0, 63.5), 2), first.window(), List.of(), first.contact(), first.classification());
        // the clock has not moved: the revision is still a millisecond later than the version it replaces
        ObjectNode revised = StixMapping.revision(moved, sent, 2, "Moved east after IR's objection.", IDENTITY, NOW);
        ObjectNode withdrawn = StixMapping.withdrawal(revised, "Operation cancelled.", NOW.plus(Duration.ofHours(1)));
        Schema schema = schema(StixMapping.NOTICE_TYPE);
        for (ObjectNode version : List.of(revised, withdrawn)) {
            assertThat(schema.validate(version)).as(version.toString()).isEmpty();
            assertThat(StixValidator.withOasisSchemas().validate(version)).as(version.toString()).isEmpty();
            assertThat(version.get("id")).isEqualTo(sent.get("id"));
            assertThat(version.get("created")).isEqualTo(sent.get("created"));
            assertThat(version.get("modified").asString()).isGreaterThan(sent.get("modified").asString());
            assertThat(StixMapping.revisionOf(version)).isEqualTo(2);
        }
        assertThat(revised.get("modified").asString()).isEqualTo("2026-03-02T06:00:00.124Z");
        assertThat(StixMapping.readNotice(revised, PK, READER)).isEqualTo(moved);
        assertThat(withdrawn.get("revoked").asBoolean()).isTrue();
        assertThat(withdrawn.get("withdrawal_reason").asString()).isEqualTo("Operation cancelled.");
        assertThat(withdrawn.has("revision_reason")).isFalse();
        assertThat(StixMapping.revisionOf(sent)).isEqualTo(1);
        assertThat(sent.has("revision")).isFalse();
        ObjectNode spoiled = revised.deepCopy().put("revision", 0);
        assertThatThrownBy(() -> StixMapping.revisionOf(spoiled)).hasMessageStartingWith("revision:");
    }

    @Test
    void an_event_acknowledgement_keeps_its_schema_and_names_its_sender() {
        UnplannedEvent event = new UnplannedEvent(NoticeId.random(), PK, IR, UnplannedEvent.Kind.ACCIDENTAL_LAUNCH,
                NOW.minus(Duration.ofMinutes(3)), READER.read("track", "{\"type\":\"Point\",\"coordinates\":[63.5,27.0]}"),
                "A training rocket left its range heading west.", new Contact("Duty officer", "hotline"));
        ObjectNode ack = StixMapping.acknowledgement(event, IR, NOW, IDENTITY);
        assertThat(schema(StixMapping.ACKNOWLEDGEMENT_TYPE).validate(ack)).as(ack.toString()).isEmpty();
        assertThat(StixValidator.withOasisSchemas().validate(ack)).as(ack.toString()).isEmpty();
        assertThat(StixMapping.readAcknowledgement(ack, IR)).isEqualTo(new StixMapping.Acknowledgement(event.id().value(), PK, NOW));
        assertThat(ack.get("id").asString()).isEqualTo(StixMapping.acknowledgementStixId(event.id().value()));
        assertThatThrownBy(() -> StixMapping.readAcknowledgement(ack, PK)).hasMessageStartingWith("acknowledged_by:");
    }

    @Test
    void the_extension_definitions_are_valid_stix_and_name_their_schemas() {
        for (ObjectNode definition : StixMapping.extensionDefinitions(IDENTITY)) {
            assertThat(StixValidator.withOasisSchemas().validate(definition)).as(definition.toString()).isEmpty();
            String file = definition.get("schema").asString().substring(StixMapping.SCHEMA_BASE.length());
            assertThat(new java.io.File("docs/extensions/" + file)).exists();
        }
    }
}
