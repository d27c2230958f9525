package org.concord.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.concord.node.InvalidInput;
import org.concord.node.NodeSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A node's YAML configuration file, checked before any part of the node starts so that a missing or
 * wrong field is reported in one line that names it. A relative {@code concord.data-dir} is taken
 * relative to the file's own directory, so a configuration and its data can move together.
 */
record ConfigFile(Path path, Map<String, Object> flat, Path dataDir, int port) {

    private static final List<String[]> REQUIRED = List.of(
            new String[] {"concord.party.code", "the ISO 3166-1 alpha-2 code of this node's state, e.g. PK"},
            new String[] {"concord.party.name", "how this node's state names itself"},
            new String[] {"concord.url", "the public HTTPS base URL partners reach this node at, e.g. https://localhost:8441"},
            new String[] {"concord.data-dir", "where keys and the embedded database live, e.g. ./data"},
            new String[] {"server.port", "the HTTPS port this node listens on, e.g. 8441"});

    static ConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInput("--config", "file-exists", "no configuration file at " + path.toAbsolutePath()
                    + "; write one (see README.md, 'Running a node') or pass --config FILE");
        }
        Object loaded;
        try (InputStream in = Files.newInputStream(path)) {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new InvalidInput("--config", "readable", "cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInput("--config", "yaml", path + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new InvalidInput("--config", "yaml-mapping", path + " must be a YAML mapping of keys such as concord.party.code");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", map, flat);
        for (String[] required : REQUIRED) {
            Object value = flat.get(required[0]);
            if (value == null || value.toString().isBlank()) {
                throw new InvalidInput(required[0], "required", "missing in " + path + " (" + required[1] + ")");
            }
        }
        checkEnvironmentVariables(path, flat);
        // The node checks the same again when it starts; checking here names the file.
        try {
            new NodeSettings(new NodeSettings.PartySettings(flat.get("concord.party.code").toString(),
                    flat.get("concord.party.name").toString()), java.net.URI.create(flat.get("concord.url").toString()),
                    Path.of(flat.get("concord.data-dir").toString()), new NodeSettings.Database(text(flat, "concord.database.url"),
                    text(flat, "concord.database.username"), null, text(flat, "concord.database.embedded")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("concord.url", "https-url", "in " + path + ": " + e.getMessage());
        } catch (InvalidInput e) {
            throw new InvalidInput(e.field(), e.rule(), e.getMessage().substring(e.field().length() + 2) + " (in " + path + ")");
        }
        int port;
        try {
            port = Integer.parseInt(flat.get("server.port").toString());
        } catch (NumberFormatException e) {
            throw new InvalidInput("server.port", "port", "must be a number from 1 to 65535 in " + path);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInput("server.port", "port", "must be a number from 1 to 65535 in " + path + ", got " + port);
        }
        Path dataDir = Path.of(flat.get("concord.data-dir").toString());
        if (!dataDir.isAbsolute()) {
            dataDir = path.toAbsolutePath().getParent().resolve(dataDir).normalize();
        }
        return new ConfigFile(path.toAbsolutePath(), flat, dataDir, port);
    }

    /** {@code ${NAME}} without a default, NAME an environment variable (no dot): unset gives one line naming the setting. */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{([^}:.]+)(:[^}]*)?}");

    /**
     * A setting such as {@code password: ${CONCORD_DB_PASSWORD}} whose variable is not set would
     * otherwise stop the node with Spring's long report; this names the setting and the variable.
     */
    private static void checkEnvironmentVariables(Path path, Map<String, Object> flat) {
        for (Map.Entry<String, Object> entry : flat.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                continue;
            }
            java.util.regex.Matcher variable = VARIABLE.matcher(value);
            while (variable.find()) {
                String name = variable.group(1).trim();
                boolean hasDefault = variable.group(2) != null;
                if (!hasDefault && System.getenv(name) == null && System.getProperty(name) == null && !flat.containsKey(name)) {
                    throw new InvalidInput(entry.getKey(), "environment-variable", "is ${" + name + "} in " + path + ", but the"
                            + " environment variable " + name + " is not set; set it before starting (export " + name + "=...),"
                            + " or give a default as ${" + name + ":value}");
                }
            }
        }
    }

    private static String text(Map<String, Object> flat, String key) {
        Object value = flat.get(key);
        return value == null ? null : value.toString();
    }

    /** The node's party, URL and data directory, as the node itself reads them (no database settings). */
    NodeSettings nodeSettings() {
        return new NodeSettings(new NodeSettings.PartySettings(partyCode(), flat.get("concord.party.name").toString()),
                java.net.URI.create(flat.get("concord.url").toString()), dataDir, null);
    }

    String partyCode() {
        return flat.get("concord.party.code").toString();
    }

    String url() {
        return flat.get("concord.url").toString();
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(entry.getKey()) : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key, nested, into);
            } else {
                into.put(key, entry.getValue());
            }
        }
    }
}
