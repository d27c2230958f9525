package org.concord.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.concord.node.OwnerOnly;
import org.concord.party.NodeIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "This node's keys.",
        subcommands = KeysCommand.Export.class)
class KeysCommand extends CommandGroup {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Prints this node's public pairing record (JSON): party, URL, STIX identity, TLS certificate",
                "and its SHA-256 fingerprint, Ed25519 signing key. It holds no secret. Give it to the partner,",
                "who imports it with 'concord partners add FILE'. Creates the keys if this node has none yet."})
    static class Export implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the record to FILE instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            try (var context = NodeContexts.offline(config.read())) {
                String record = context.getBean(NodeIdentity.class).pairingRecord().toJson();
                if (out == null) {
                    System.out.print(record);
                } else {
                    OwnerOnly.write(out, record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    System.err.println("wrote the pairing record to " + out);
                }
            }
            return 0;
        }
    }
}
