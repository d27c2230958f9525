package org.concord.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.concord.ConcordApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a node's application context from its configuration file, with or without its web server. */
final class NodeContexts {

    private NodeContexts() {
    }

    /** The whole node, HTTPS server and scheduled work included. */
    static ConfigurableApplicationContext node(ConfigFile config) {
        return node(config, context -> { });
    }

    /** The whole node, with {@code initializer} given the context before its beans are made. */
    static ConfigurableApplicationContext node(ConfigFile config, ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        return build(config, WebApplicationType.SERVLET, Map.of()).initializers(initializer).run(args(config));
    }

    /**
     * The node's data and rules without its web server or scheduled work, for one command: quiet
     * unless something goes wrong.
     */
    static ConfigurableApplicationContext offline(ConfigFile config) {
        Map<String, Object> quiet = new LinkedHashMap<>();
        quiet.put("concord.scheduling.enabled", "false");
        // a command changes the store and leaves the delivery to the node, which runs it on its schedule
        quiet.put("concord.exchange.deliver-on-commit", "false");
        // the node's embedded PostgreSQL, when it runs, is joined rather than waited for (node.EmbeddedCluster)
        quiet.put("concord.database.join-running", "true");
        quiet.put("logging.level.root", "WARN");
        quiet.put("logging.level.org.concord", "WARN");
        quiet.put("spring.main.log-startup-info", "false");
        return build(config, WebApplicationType.NONE, quiet).run(args(config));
    }

    private static SpringApplicationBuilder build(ConfigFile config, WebApplicationType type, Map<String, Object> defaults) {
        return new SpringApplicationBuilder(ConcordApplication.class)
                .web(type)
                .properties(defaults)
                .registerShutdownHook(type == WebApplicationType.SERVLET);
    }

    private static String[] args(ConfigFile config) {
        return new String[] {
            "--spring.config.additional-location=file:" + config.path(),
            "--concord.data-dir=" + config.dataDir()
        };
    }
}
