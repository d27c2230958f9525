package org.concord.intel.stix;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The STIX 2.1 object types this node knows, by family, and the OASIS schema file of each.
 * Anything else that is a well-formed type name is a custom object (e.g. {@code x-mitre-tactic}).
 */
final class StixTypes {

    /** STIX Domain Objects, STIX 2.1 section 4. */
    static final Set<String> SDOS = Set.of(
            "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
            "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis",
            "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability");

    /** STIX Relationship Objects, section 5. */
    static final Set<String> SROS = Set.of("relationship", "sighting");

    /** STIX Cyber-observable Objects, section 6. */
    static final Set<String> SCOS = Set.of(
            "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message",
            "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process",
            "software", "url", "user-account", "windows-registry-key", "x509-certificate");

    /** STIX Meta Objects, section 7. */
    static final Set<String> META = Set.of("marking-definition", "language-content", "extension-definition");

    static final String MARKING_DEFINITION = "marking-definition";
    static final String IDENTITY = "identity";
    static final String BUNDLE = "bundle";

    /** Same grammar as the type pattern of the OASIS core schema, with its 3..250 length. */
    private static final Pattern TYPE_NAME = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$");

    private StixTypes() {
    }

    /** The schema file (relative to the schemas root) for a type the OASIS schemas cover, or null. */
    static String schemaFileOf(String type) {
        if (SDOS.contains(type)) {
            return "sdos/" + type + ".json";
        }
        if (SROS.contains(type)) {
            return "sros/" + type + ".json";
        }
        if (SCOS.contains(type)) {
            return "observables/" + type + ".json";
        }
        if (META.contains(type)) {
            return "common/" + type + ".json";
        }
        return null;
    }

    static Map<String, String> schemaFiles() {
        var files = new java.util.HashMap<String, String>();
        for (var family : java.util.List.of(SDOS, SROS, SCOS, META)) {
            family.forEach(type -> files.put(type, schemaFileOf(type)));
        }
        return Map.copyOf(files);
    }

    static boolean isKnown(String type) {
        return schemaFileOf(type) != null;
    }

    static boolean isWellFormedTypeName(String type) {
        return type.length() >= 3 && type.length() <= 250 && TYPE_NAME.matcher(type).matches();
    }

    /** Types an SRO may not point at as its source or target: other SROs and the meta objects. */
    static boolean isRelatable(String type) {
        return !SROS.contains(type) && !META.contains(type) && !BUNDLE.equals(type);
    }
}
