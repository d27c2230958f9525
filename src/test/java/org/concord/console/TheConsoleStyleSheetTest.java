package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The console's one style sheet is written by hand, a section per page; a rule left open swallows
 * every section after it without an error anywhere (a merge once left a media query open, and the
 * intelligence pages' TLP colours applied only to tablets). Every block it opens, it closes.
 */
class TheConsoleStyleSheetTest {

    @Test
    void everyBlockOfTheStyleSheetIsClosedWhereItsSectionEnds() throws Exception {
        String css = Files.readString(Path.of("src/main/resources/static/console/assets/console.css"))
                .replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        int line = 1;
        for (char c : css.toCharArray()) {
            if (c == '\n') {
                line++;
            } else if (c == '{') {
                depth++;
                assertThat(depth).as("blocks open at line %d (only a media query may hold rules)", line).isLessThanOrEqualTo(2);
            } else if (c == '}') {
                depth--;
                assertThat(depth).as("a block closed twice at line %d", line).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(depth).as("blocks left open at the end").isZero();
    }
}
