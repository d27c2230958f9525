package org.concord.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.concord.node.InvalidInput;
import org.concord.screening.Evaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "screening", mixinStandardHelpOptions = true, description = "Watchlist screening: name matching across scripts.",
        subcommands = {ScreeningCommand.Eval.class})
class ScreeningCommand extends CommandGroup {

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
