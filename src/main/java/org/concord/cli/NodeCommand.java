package org.concord.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.concord.party.NodeIdentity;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Starts one node from its configuration file and runs until stopped (Ctrl-C or SIGTERM).",
            "On the first start it creates the node's keys under concord.data-dir."})
class NodeCommand implements Callable<Integer> {

    /** The hidden option through which {@code concord demo} hands a node its {@link DemoSetup}. */
    static final String DEMO_SETUP = "--demo-setup";

    @Mixin
    ConfigOption config;

    @Option(names = DEMO_SETUP, hidden = true, paramLabel = "FILE",
            description = "The set-up concord demo wrote for this node, applied before the HTTPS port opens, then deleted.")
    Path demoSetup;

    @Override
    public Integer call() throws InterruptedException, IOException {
        ConfigFile file = config.read();
        ConfigurableApplicationContext context;
        if (demoSetup == null) {
            context = NodeContexts.node(file);
        } else {
            DemoSetup setup = DemoSetup.read(demoSetup);
            context = NodeContexts.node(file, starting -> starting.getBeanFactory().registerSingleton("concordDemoSetup",
                    setup.beforeTheWebServer(starting.getBeanFactory())));
            // it holds the demo's passwords, which nodes.json keeps; the demo writes it again on its next run
            Files.deleteIfExists(demoSetup);
        }
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        NodeIdentity self = context.getBean(NodeIdentity.class);
        System.out.println("Concord node " + self.party().code() + " (" + self.party().name() + ") is up at " + self.url()
                + "; TLS certificate SHA-256 " + self.fingerprint());
        if (!context.isActive()) {
            return 1;
        }
        closed.await();
        return 0;
    }
}
