package org.concord.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The console's one style sheet is written by hand, a section per page; a rule left open swallows
 * every section after it without an error anywhere (a merge once left a media query open, and the
 * intelligence pages' TLP colours applied only to tablets). Every block it opens, it closes. And every page
 * behind the login links it: the screening and PSI pages once did not, and showed their forms unstyled, with
 * times that never counted down.
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

    @Test
    void everyPageBehindTheLoginLinksTheStyleSheet() throws Exception {
        java.util.List<String> pages;
        try (var files = Files.list(Path.of("src/main/resources/templates/console"))) {
            pages = files.filter(f -> f.toString().endsWith(".html")).map(f -> f.getFileName().toString()).sorted().toList();
        }
        int checked = 0;
        for (String page : pages) {
            String html = Files.readString(Path.of("src/main/resources/templates/console", page));
            if (!html.contains("fragments :: header(")) {
                continue; // the fragments themselves, and pieces htmx swaps into a page
            }
            checked++;
            assertThat(html.contains("fragments :: live}") || html.contains("/console/assets/console.css"))
                    .as("%s links console.css (the fragment 'live' does)", page).isTrue();
        }
        assertThat(checked).as("pages found").isGreaterThan(10);
    }
}
