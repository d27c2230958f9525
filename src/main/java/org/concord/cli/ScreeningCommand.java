package org.concord.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.concord.node.InvalidInput;
import org.concord.screening.Evaluation;
import org.concord.screening.WatchlistFormatError;
import org.concord.screening.Watchlists;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "screening", mixinStandardHelpOptions = true, description = "Watchlist screening: name matching across scripts.",
        subcommands = {ScreeningCommand.Eval.class, ScreeningCommand.Import.class, ScreeningCommand.ImportIntel.class})
class ScreeningCommand extends CommandGroup {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports a watchlist file into this node as the list --source: the UN Security Council Consolidated List (XML)",
                "or a CSV file (header: reference,name,aliases,type,date_of_birth,place_of_birth,nationality,document,listed_on,source;",
                "see docs/screening.md). All or nothing: a malformed file is refused naming the line and the element or column, and the",
                "list stays as it was. Importing a newer version records additions, changes and delistings."})
    static class Import implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "FILE", description = "The list file.")
        Path file;

        @Option(names = "--source", required = true, paramLabel = "NAME", description = "The list's name on this node (e.g. un-sc, moi-2024).")
        String source;

        @Option(names = "--format", paramLabel = "FORMAT", description = "un or csv (default: by the file's extension, .xml or .csv).")
        String format;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInput("FILE", "file-exists", "no list at " + file.toAbsolutePath());
            }
            Watchlists.Format chosen = format(format, file);
            ConfigFile node = config.read();
            try (var context = NodeContexts.offline(node); InputStream in = Files.newInputStream(file)) {
                long started = System.nanoTime();
                Watchlists.Imported imported;
                try {
                    imported = context.getBean(Watchlists.class).importList(source, chosen, in);
                } catch (WatchlistFormatError e) {
                    throw new InvalidInput("FILE", chosen == Watchlists.Format.CSV ? "csv" : "un-consolidated-list", file + ": " + e.getMessage());
                }
                print(imported, System.nanoTime() - started);
            }
            return 0;
        }

        static Watchlists.Format format(String format, Path file) {
            String name = format != null ? format.toLowerCase(Locale.ROOT) : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv"
                    : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") ? "un" : "";
            return switch (name) {
                case "un" -> Watchlists.Format.UN;
                case "csv" -> Watchlists.Format.CSV;
                default -> throw new InvalidInput("--format", "format", "a list is un (the UN's XML) or csv; say which with --format");
            };
        }
    }

    @Command(name = "import-intel", mixinStandardHelpOptions = true,
            description = {"Imports the intel store's STIX identity, threat-actor and intrusion-set objects (name and aliases, under their",
                "markings) as the list --source: this node's own, a partner's shared ones, or all. Importing again records what was",
                "added, changed, revoked or deleted since."})
    static class ImportIntel implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--source", defaultValue = "stix", paramLabel = "NAME", description = "The list's name (default: ${DEFAULT-VALUE}).")
        String source;

        @Option(names = "--from", defaultValue = "all", paramLabel = "WHOSE",
                description = "all (default), own, or a paired partner's code: whose objects to take.")
        String from;

        @Override
        public Integer call() throws Exception {
            ConfigFile node = config.read();
            try (var context = NodeContexts.offline(node)) {
                long started = System.nanoTime();
                print(context.getBean(Watchlists.class).importIntel(source, from), System.nanoTime() - started);
            }
            return 0;
        }
    }

    private static void print(Watchlists.Imported imported, long nanos) {
        System.out.printf(Locale.ROOT, "Imported %s: %,d entries (%,d added, %,d changed, %,d delisted, %,d relisted) in %.1f s%n",
                imported.source(), imported.entries(), imported.added(), imported.changed(), imported.delisted(), imported.relisted(),
                nanos / 1e9);
        imported.skipped().stream().limit(20).forEach(line -> System.out.println("  skipped " + line));
        if (imported.skipped().size() > 20) {
            System.out.println("  ... and " + (imported.skipped().size() - 20) + " more skipped");
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Measures name matching on a development set built from a UN Security Council Consolidated List",
                "(one alias of each entry held out and searched for; original-script names searched for, the Latin entry expected;",
                "every tenth entry left out, nothing expected) plus cross-script variants of the January 2024 names.",
                "Prints precision, recall, F1 and cross-script recall, then the mistakes. Needs no node."})
    static class Eval implements Callable<Integer> {

        @Option(names = "--list", required = true, paramLabel = "FILE", description = "A UN consolidated list in the UN's XML format.")
        Path list;

        @Option(names = "--limit", paramLabel = "N", description = "Only the first N entries of the list (default: all).")
        int limit;

        @Option(names = "--mistakes", paramLabel = "N", defaultValue = "50", description = "Print at most N mistakes (default: ${DEFAULT-VALUE}).")
        int mistakes;

        @Option(names = "--match", paramLabel = "SCORE", description = "The score from which a name is a match (default: the matcher's).")
        Double match;

        @Option(names = "--review", paramLabel = "SCORE", description = "The score from which a name needs review (default: the matcher's).")
        Double review;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(list)) {
                throw new InvalidInput("--list", "file-exists", "no list at " + list.toAbsolutePath());
            }
            double[] defaults = Evaluation.defaultThresholds();
            try (InputStream in = Files.newInputStream(list)) {
                var figures = Evaluation.run(in, match == null ? defaults[0] : match, review == null ? defaults[1] : review, limit,
                        mistakes, System.out);
                System.out.printf(Locale.ROOT, "F1 %.3f (target 0.95), cross-script recall %.3f (target 0.90)%n", figures.f1(),
                        figures.crossScriptRecall());
            } catch (org.concord.screening.WatchlistFormatError e) {
                throw new InvalidInput("--list", "un-consolidated-list", list + ": " + e.getMessage());
            }
            return 0;
        }
    }
}
