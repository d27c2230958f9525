package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.concord.cli.ConcordCommand;
import org.junit.jupiter.api.Test;

/** {@code concord screening eval} runs and prints its figures and mistakes (whether they meet the targets is BENCHMARKS.md's). */
class EvaluationTest {

    @Test
    void theEvaluationOfASubsetPrintsPrecisionRecallF1AndTheMistakes() {
        var bytes = new ByteArrayOutputStream();
        var figures = Evaluation.run(UnConsolidatedListTest.un2020(), 0.92, 0.80, 120, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("development set: 128 entries").containsPattern("precision \\d\\.\\d{3}  recall \\d\\.\\d{3}  F1 \\d\\.\\d{3}  cross-script recall \\d\\.\\d{3}")
                .contains("mistakes (");
        assertThat(figures.queries()).isGreaterThan(100);
        assertThat(figures.crossScript()).isGreaterThan(20);
        assertThat(figures.f1()).isBetween(0.0, 1.0);
    }

    @Test
    void theCommandNeedsAListAndSaysSoInOneLine() throws Exception {
        var err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = ConcordCommand.execute("screening", "eval", "--list", "/nonexistent/list.xml");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
    }
}
