package org.concord.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.concord.party.NodeIdentity;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Starts one node from its configuration file and runs until stopped (Ctrl-C or SIGTERM).",
            "On the first start it creates the node's keys under concord.data-dir."})
class NodeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        ConfigFile file = config.read();
        ConfigurableApplicationContext context = NodeContexts.node(file);
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
