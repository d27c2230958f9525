package org.concord.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.concord.node.InvalidInput;
import org.concord.party.NodeIdentity;
import org.concord.party.Pairing;
import org.concord.party.PairingRecord;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "partners", mixinStandardHelpOptions = true, description = "The partners this node is paired with.",
        subcommands = {PartnersCommand.Add.class, PartnersCommand.List.class, PartnersCommand.Remove.class})
class PartnersCommand extends CommandGroup {

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Pairs with a partner from its pairing record (made by its 'concord keys export'), then prints",
                "the fingerprints both officers read to each other over a second channel, such as a phone line."})
    static class Add implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FILE", description = "The partner's pairing record (JSON).")
        Path file;

        @Option(names = "--replace", description = "Replace the keys of an already paired partner (after checking the new fingerprints).")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInput("FILE", "file-exists", "no pairing record at " + file.toAbsolutePath());
            }
            PairingRecord record = PairingRecord.parse(Files.readString(file));
            ConfigFile node = config.read();
            try (var context = NodeContexts.offline(node)) {
                Pairing.Result result = context.getBean(Pairing.class).pair(record, actor(), replace);
                NodeIdentity self = context.getBean(NodeIdentity.class);
                Partner partner = result.partner();
                System.out.println(switch (result.outcome()) {
                    case PAIRED -> "Paired with ";
                    case REPLACED -> "Replaced the keys of ";
                    case ALREADY_PAIRED -> "Already paired, nothing changed: ";
                } + partner.code() + " (" + partner.party().name() + ") at " + partner.url());
                System.out.println();
                System.out.println("Read these out over a second channel (a phone line) and check them against the partner's:");
                System.out.println("  " + partner.code() + " TLS certificate SHA-256   " + partner.fingerprint());
                System.out.println("  " + partner.code() + " signing key SHA-256       " + partner.signingKey().fingerprint());
                System.out.println("and have the partner check this node's:");
                System.out.println("  " + self.party().code() + " TLS certificate SHA-256   " + self.fingerprint());
                System.out.println("  " + self.party().code() + " signing key SHA-256       " + self.signingKey().fingerprint());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the paired partners and their fingerprints.")
    static class List implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (var context = NodeContexts.offline(config.read())) {
                var partners = context.getBean(Partners.class).all();
                if (partners.isEmpty()) {
                    System.out.println("No partners yet: import one with 'concord partners add FILE'.");
                }
                for (Partner partner : partners) {
                    System.out.println(partner.code() + "  " + partner.party().name() + "  " + partner.url());
                    System.out.println("    TLS certificate SHA-256  " + partner.fingerprint());
                    System.out.println("    signing key SHA-256      " + partner.signingKey().fingerprint());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Unpairs a partner: its certificate is refused from then on.")
    static class Remove implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "CODE", description = "The partner's ISO 3166-1 alpha-2 code, e.g. IR.")
        String code;

        @Override
        public Integer call() {
            PartyCode party = PartyCode.of(code);
            try (var context = NodeContexts.offline(config.read())) {
                context.getBean(Pairing.class).unpair(party, actor());
                System.out.println("Unpaired " + party + ".");
            }
            return 0;
        }
    }
}
