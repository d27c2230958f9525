package org.concord.intel.stix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressionFactory;
import tools.jackson.databind.JsonNode;

/**
 * Validates one STIX 2.1 object: against the OASIS JSON schema of its {@code type} and against
 * the rules no schema can express (see {@code StixRules}: identifier prefix, {@code modified >=
 * created}, reference types, real UTC timestamps, granular selectors).
 *
 * <p>Which schema: the SDO, SRO and SCO schemas and the meta objects ({@code marking-definition},
 * {@code language-content}, {@code extension-definition}) by their type. A custom object — any
 * other well-formed type, e.g. {@code x-mitre-tactic} — is held to the common properties only:
 * {@code common/core.json} when it has {@code created} (an SDO-like object), else
 * {@code common/cyber-observable-core.json} (an SCO-like one). Extensions whose definitions this
 * node does not know are checked only for the generic shape of {@code common/extension.json};
 * their content is stored and served as received.
 *
 * <p>No network: the schemas are the copies under {@code classpath:stix/schemas/}; their
 * absolute {@code $id} prefix is mapped onto that folder and remote fetching is off, so an
 * unmapped reference fails loudly at start instead of reaching out.
 *
 * <p>Build one with {@link #withOasisSchemas()} and keep it: the schemas are loaded and
 * compiled once; {@link #validate(JsonNode)} is then thread-safe and allocation-light.
 */
public final class StixValidator {

    /** The {@code $id} prefix of every OASIS STIX 2.1 schema. */
    static final String OASIS_SCHEMA_PREFIX =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    /** The same over https, as some third-party schemas (e.g. TLP 2.0) refer to it. */
    static final String OASIS_SCHEMA_PREFIX_HTTPS =
            "https://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    static final String CLASSPATH_SCHEMAS = "classpath:stix/schemas/";

    private final Map<String, Schema> schemaByType;
    private final Schema customObjectSchema;
    private final Schema customObservableSchema;

    private StixValidator(Map<String, Schema> schemaByType, Schema customObjectSchema,
            Schema customObservableSchema) {
        this.schemaByType = Map.copyOf(schemaByType);
        this.customObjectSchema = customObjectSchema;
        this.customObservableSchema = customObservableSchema;
    }

    /**
     * Loads and compiles the OASIS STIX 2.1 schemas from the classpath.
     *
     * @throws IllegalStateException if a schema is missing or refers to anything outside them
     */
    public static StixValidator withOasisSchemas() {
        return withOasisSchemas(StixPatterns.INSTANCE);
    }

    /**
     * The same schemas with every pattern read by the JDK engine, as the schema library reads them by
     * default: the reference {@link StixPatterns} is held to (tests only).
     */
    static StixValidator withOasisSchemasReadByTheJdk() {
        return withOasisSchemas(JDKRegularExpressionFactory.getInstance());
    }

    private static StixValidator withOasisSchemas(RegularExpressionFactory patterns) {
        SchemaRegistry registry = registry(patterns);
        try {
            Map<String, Schema> byType = new HashMap<>();
            StixTypes.schemaFiles().forEach((type, file) -> byType.put(type, load(registry, file)));
            return new StixValidator(byType, load(registry, "common/core.json"),
                    load(registry, "common/cyber-observable-core.json"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the STIX 2.1 schemas from " + CLASSPATH_SCHEMAS, e);
        }
    }

    /**
     * The schemas as this node holds them: the OASIS ones from the classpath, no network; the patterns
     * every object meets read by hand ({@link StixPatterns}), the rest by the JDK engine.
     */
    private static SchemaRegistry registry(RegularExpressionFactory patterns) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(false)
                .regularExpressionFactory(patterns)
                .build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder
                        .schemaRegistryConfig(config)
                        .schemaLoader(loader -> loader
                                .fetchRemoteResources(false)
                                .schemaIdResolvers(resolvers -> resolvers
                                        .mapPrefix(OASIS_SCHEMA_PREFIX, CLASSPATH_SCHEMAS)
                                        .mapPrefix(OASIS_SCHEMA_PREFIX_HTTPS, CLASSPATH_SCHEMAS))));
    }

    /** Where the JSON schemas of Concord's own extensions are on the classpath (copied from {@code docs/extensions/} by the build). */
    public static final String CLASSPATH_EXTENSIONS = "classpath:stix/extensions/";

    /**
     * The JSON schema that Concord publishes for one of its own STIX extensions ({@code file}, e.g.
     * {@code x-concord-hotline-message.json}, as its extension-definition names it), compiled once;
     * the OASIS schemas it refers to resolve from the classpath, as above.
     *
     * @throws IllegalStateException if the schema is not on the classpath or does not compile
     */
    public static Extension extension(String file) {
        try {
            Schema schema = registry(StixPatterns.INSTANCE).getSchema(SchemaLocation.of(CLASSPATH_EXTENSIONS + file));
            schema.initializeValidators();
            return new Extension(file, schema);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load the extension schema " + CLASSPATH_EXTENSIONS + file, e);
        }
    }

    /** One of Concord's extension schemas ({@link #extension}); {@link #validate} is thread-safe. */
    public static final class Extension {
        private final String file;
        private final Schema schema;

        private Extension(String file, Schema schema) {
            this.file = file;
            this.schema = schema;
        }

        public String file() {
            return file;
        }

        /** Every violation of the schema, with its JSON path; empty when the object keeps it. */
        public List<Violation> validate(JsonNode object) {
            String objectId = object.path("id").isString() ? object.path("id").stringValue() : Violation.NO_ID;
            List<Violation> out = new ArrayList<>();
            for (Error error : schema.validate(object)) {
                out.add(new Violation(objectId, pathOf(error), ruleOf(error)));
            }
            return out;
        }
    }

    private static Schema load(SchemaRegistry registry, String file) {
        Schema schema = registry.getSchema(SchemaLocation.of(OASIS_SCHEMA_PREFIX + file));
        schema.initializeValidators();
        return schema;
    }

    /**
     * Validates one STIX object (not a bundle).
     *
     * @param object the object as parsed JSON
     * @return every violation found, schema ones first; empty when the object is valid
     */
    public List<Violation> validate(JsonNode object) {
        return validate(object, null);
    }

    /**
     * Validates one STIX object (not a bundle), also checking that every marking reference
     * ({@code object_marking_refs}, {@code granular_markings[].marking_ref}) names a marking
     * definition this node knows: {@code knownMarking} says which (the store passes the standard TLP
     * ones, those it holds and those in the same batch).
     *
     * @param object       the object as parsed JSON
     * @param knownMarking whether a marking-definition id is known; null: marking references are
     *                     checked for their form only
     * @return every violation found, schema ones first; empty when the object is valid
     */
    public List<Violation> validate(JsonNode object, java.util.function.Predicate<String> knownMarking) {
        if (object == null || !object.isObject()) {
            return List.of(new Violation(Violation.NO_ID, "$", "a STIX object must be a JSON object"));
        }
        String objectId = object.path("id").isString() ? object.path("id").stringValue() : Violation.NO_ID;
        LinkedHashSet<Violation> violations = new LinkedHashSet<>();
        Schema schema = schemaFor(object);
        if (schema != null) {
            for (Error error : schema.validate(object)) {
                violations.add(new Violation(objectId, pathOf(error), ruleOf(error)));
            }
        }
        List<Violation> rules = new ArrayList<>();
        StixRules.check(object, objectId, rules);
        if (knownMarking != null) {
            StixRules.checkMarkingsKnown(object, objectId, knownMarking, rules);
        }
        violations.addAll(rules);
        return List.copyOf(violations);
    }

    /** The schema for the object's type; null when the type is absent or not a string. */
    private Schema schemaFor(JsonNode object) {
        JsonNode type = object.path("type");
        if (!type.isString()) {
            return null;
        }
        Schema known = schemaByType.get(type.stringValue());
        if (known != null) {
            return known;
        }
        return object.has("created") ? customObjectSchema : customObservableSchema;
    }

    private static String pathOf(Error error) {
        String path = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
        return path.startsWith("$") ? path : "$" + path;
    }

    private static String ruleOf(Error error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getKeyword() + " failed";
        }
        return "schema: " + message.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
