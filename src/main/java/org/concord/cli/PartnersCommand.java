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
        subcommands = {PartnersCommand.Add.class, PartnersCommand.Roster.class, PartnersCommand.List.class, PartnersCommand.Remove.class})
class PartnersCommand extends CommandGroup {

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Pairs with partners from their pairing records (made by their 'concord keys export'), or with",
                "every member of a group roster (made by 'concord partners roster'), all or nothing, then prints the",
                "fingerprints both officers read to each other over a second channel, such as a phone line, pair by pair."})
    static class Add implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FILE", arity = "1..*",
                description = "A partner's pairing record (JSON), or a group roster listing every member's; several may be given.")
        java.util.List<Path> files;

        @Option(names = "--replace", description = "Replace the keys of an already paired partner (after checking the new fingerprints).")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            java.util.List<Pairing.Source> records = new java.util.ArrayList<>();
            for (Path file : files) {
                // one file of one record names its fields as the record does; several, or a roster, name the file too
                records.addAll(read(file, files.size() > 1));
            }
            ConfigFile node = config.read();
            try (var context = NodeContexts.offline(node)) {
                java.util.List<Pairing.Result> results = context.getBean(Pairing.class).pairAll(records, actor(), replace);
                NodeIdentity self = context.getBean(NodeIdentity.class);
                for (Pairing.Result result : results) {
                    Partner partner = result.partner();
                    System.out.println(switch (result.outcome()) {
                        case PAIRED -> "Paired with ";
                        case REPLACED -> "Replaced the keys of ";
                        case ALREADY_PAIRED -> "Already paired, nothing changed: ";
                    } + partner.code() + " (" + partner.party().name() + ") at " + partner.url());
                }
                System.out.println();
                System.out.println("Read these out over a second channel (a phone line), with each partner in turn, and check them"
                        + " against that partner's:");
                for (Pairing.Result result : results) {
                    Partner partner = result.partner();
                    System.out.println("  " + partner.code() + " TLS certificate SHA-256   " + partner.fingerprint());
                    System.out.println("  " + partner.code() + " signing key SHA-256       " + partner.signingKey().fingerprint());
                }
                System.out.println("and have each partner check this node's:");
                System.out.println("  " + self.party().code() + " TLS certificate SHA-256   " + self.fingerprint());
                System.out.println("  " + self.party().code() + " signing key SHA-256       " + self.signingKey().fingerprint());
            }
            return 0;
        }
    }

    /** The pairing records in {@code file}: one record, or a roster's members, each named for errors. */
    static java.util.List<Pairing.Source> read(Path file, boolean named) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInput("FILE", "file-exists", "no pairing record or roster at " + file.toAbsolutePath());
        }
        String text = Files.readString(file);
        String name = file.getFileName().toString();
        tools.jackson.databind.JsonNode root;
        try {
            root = ROSTER_JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            throw InvalidInput.notJson(named ? name : "record", e);
        }
        if (root == null || !root.has("members")) {
            try {
                return java.util.List.of(new Pairing.Source(name, PairingRecord.parse(text)));
            } catch (InvalidInput e) {
                throw named ? e.within(name) : e;
            }
        }
        if (!ROSTER_FORMAT.equals(root.path("format").asString(""))) {
            throw new InvalidInput(name + ".format", "known-format", "a roster's format must be '" + ROSTER_FORMAT + "'");
        }
        tools.jackson.databind.JsonNode members = root.path("members");
        if (!members.isArray() || members.isEmpty()) {
            throw new InvalidInput(name + ".members", "non-empty-array", "a roster lists every member's pairing record");
        }
        java.util.List<Pairing.Source> out = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String where = name + " members[" + i + "]";
            try {
                out.add(new Pairing.Source(where, PairingRecord.parse(members.get(i).toString())));
            } catch (InvalidInput e) {
                throw e.within(where);
            }
        }
        return out;
    }

    static final String ROSTER_FORMAT = "concord-group-roster/1";
    private static final tools.jackson.databind.json.JsonMapper ROSTER_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @Command(name = "roster", mixinStandardHelpOptions = true,
            description = {"Writes a group roster: every member's pairing record in one file, with the fingerprints to read out.",
                "Each member imports it with 'concord partners add ROSTER' and is paired with all the others at once."})
    static class Roster implements Callable<Integer> {

        @Parameters(paramLabel = "RECORD", arity = "2..*", description = "Each member's pairing record ('concord keys export').")
        java.util.List<Path> records;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the roster.")
        Path out;

        @Override
        public Integer call() throws Exception {
            java.util.List<Pairing.Source> read = new java.util.ArrayList<>();
            for (Path file : records) {
                read.addAll(read(file, true));
            }
            java.util.Map<PartyCode, Pairing.Source> members = new java.util.TreeMap<>(java.util.Comparator.comparing(PartyCode::value));
            members.putAll(Pairing.byParty(read));
            tools.jackson.databind.node.ObjectNode roster = ROSTER_JSON.createObjectNode().put("format", ROSTER_FORMAT);
            tools.jackson.databind.node.ArrayNode list = roster.putArray("members");
            tools.jackson.databind.node.ObjectNode fingerprints = roster.putObject("fingerprints");
            for (Pairing.Source s : members.values()) {
                list.add(ROSTER_JSON.readTree(s.record().toJson()));
                fingerprints.putObject(s.record().party().code().value()).put("tlsCertificate", s.record().fingerprint().toString())
                        .put("signingKey", s.record().signingKey().fingerprint().toString());
            }
            Files.writeString(out, ROSTER_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(roster) + "\n");
            System.out.println("Wrote the roster of " + members.size() + " members to " + out + ":");
            for (Pairing.Source s : members.values()) {
                System.out.println("  " + s.record().party().code() + " TLS certificate SHA-256   " + s.record().fingerprint());
                System.out.println("  " + s.record().party().code() + " signing key SHA-256       "
                        + s.record().signingKey().fingerprint());
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
