package org.concord.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.concord.intel.Bundles;
import org.concord.intel.Origin;
import org.concord.intel.RefusedObjects;
import org.concord.intel.Viewer;
import org.concord.node.InvalidInput;
import org.concord.party.PartyCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "intel", mixinStandardHelpOptions = true, description = "This node's STIX 2.1 intelligence.",
        subcommands = {IntelCommand.Import.class, IntelCommand.Export.class})
class IntelCommand extends CommandGroup {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports STIX 2.1 bundles, each all or nothing: every object of a bundle is validated first (OASIS schemas",
                "and STIX rules); if any is refused, each refusal is listed and nothing of that bundle is stored, and the next",
                "bundle is imported. Re-importing changes nothing. A partner's bundle: --from CODE, so that its objects are",
                "attributed to that partner."})
    static class Import implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "STIX 2.1 bundles (JSON), imported in the order given.")
        List<Path> files;

        @Option(names = "--from", paramLabel = "CODE", description = {"The bundles come from this paired partner: their objects are",
            "attributed to it (not to this node), pass the same checks as a pull from it, and any that this node may not",
            "take from it (a version of this node's own object, say) is refused and raised as an alarm."})
        String from;

        @Override
        public Integer call() throws Exception {
            for (int i = 0; i < files.size(); i++) {
                if (!Files.isRegularFile(files.get(i))) {
                    throw new InvalidInput(files.size() == 1 ? "FILE" : "FILE[" + i + "]", "file-exists",
                            "no bundle at " + files.get(i).toAbsolutePath() + "; nothing was imported");
                }
            }
            ConfigFile node = config.read();
            Origin origin = from == null ? new Origin.Local(PartnersCommand.actor())
                    : Origin.Partner.importedFrom(PartyCode.of(from), PartnersCommand.actor());
            List<String> refused = new java.util.ArrayList<>();
            String lastRefusal = null;
            // one node context for every bundle: a directory of bundles costs one start, not one per file
            try (var context = NodeContexts.offline(node)) {
                Bundles bundles = context.getBean(Bundles.class);
                for (Path file : files) {
                    System.err.printf("reading %s (%.1f MB)%n", file, Files.size(file) / 1e6);
                    var objects = Bundles.objectsOf(Files.readAllBytes(file));
                    int total = objects.size();
                    try {
                        Bundles.Imported imported = bundles.importObjects(objects, origin,
                                done -> System.err.printf("  %,d of %,d objects checked%s%n", done, total, done == total ? " and stored" : ""));
                        System.out.println("Imported " + file.getFileName() + ": " + total + " objects " + imported.outcomes());
                    } catch (RefusedObjects e) {
                        e.refused().stream().limit(20).forEach(o -> System.err.println("  refused " + o.id() + ": " + o.message()));
                        if (e.refused().size() > 20) {
                            System.err.println("  ... and " + (e.refused().size() - 20) + " more");
                        }
                        refused.add(file.getFileName().toString());
                        lastRefusal = e.refused().size() + " of " + total + " objects are refused (listed above); nothing was stored";
                    }
                }
            }
            if (files.size() == 1 && lastRefusal != null) {
                throw new InvalidInput("FILE", "valid-stix", lastRefusal);
            }
            if (!refused.isEmpty()) {
                throw new InvalidInput("FILE", "valid-stix", refused.size() + " of " + files.size() + " bundles are refused ("
                        + String.join(", ", refused) + "; their refusals are listed above), and nothing of them was stored; "
                        + "the other " + (files.size() - refused.size()) + " were imported");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes a STIX 2.1 bundle of the current versions of this node's objects, optionally filtered.")
    static class Export implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only these STIX types (repeatable), e.g. intrusion-set.")
        List<String> types = List.of();

        @Option(names = "--tlp", paramLabel = "LEVEL", description = "Only these TLP levels (repeatable): CLEAR, GREEN, AMBER, AMBER_STRICT, RED, NONE.")
        List<String> tlp = List.of();

        @Option(names = "--partner", paramLabel = "CODE", description = "Only what this partner may read under the sharing policy.")
        String partner;

        @Option(names = "--min-confidence", paramLabel = "N", description = "Only objects whose STIX confidence is at least N (0-100).")
        Integer minConfidence;

        @Option(names = "--reliability", paramLabel = "GRADE", description = "Only objects whose source reliability is one of these grades (A-F; repeatable).")
        List<String> reliability = List.of();

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            // the values in the order given, so that the first wrong one is the one told of
            Bundles.Filter filter = new Bundles.Filter(new LinkedHashSet<>(types), new LinkedHashSet<>(tlp),
                    Optional.ofNullable(partner).map(code -> Viewer.partner(PartyCode.of(code))), minConfidence,
                    new LinkedHashSet<>(reliability));
            try (var context = NodeContexts.offline(config.read());
                    Writer writer = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                int written = context.getBean(Bundles.class).export(filter, writer);
                System.err.println("exported " + written + " objects");
            }
            return 0;
        }
    }
}
