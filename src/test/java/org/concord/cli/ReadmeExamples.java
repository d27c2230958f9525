package org.concord.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The README's shell examples that talk to the demo: its {@code ```sh} blocks that name the demo's
 * files ({@code data/demo}) or nodes ({@code localhost:8441}, {@code 8442}), less the lines that start
 * or test the whole project ({@code ./concord demo}, {@code ./mvnw}), which the test itself stands for.
 */
final class ReadmeExamples {

    /**
     * One block, as a script for bash.
     *
     * @param line     where it starts in the README (1-based, the fence's line)
     * @param script   its lines, continuation backslashes and all
     * @param commands how many commands it runs (logical lines that are not comments)
     * @param expected the parts of the answers the README shows ({@code # {…}} lines, split at {@code …})
     */
    record Block(int line, String script, int commands, List<String> expected) {
    }

    private ReadmeExamples() {
    }

    static List<Block> talkingToTheDemo(String readme) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```sh")) {
                continue;
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = i + 1; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                body.add(lines[i]);
            }
            if (body.stream().noneMatch(l -> l.contains("data/demo") || l.contains("localhost:8441") || l.contains("localhost:8442"))) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            int commands = 0;
            boolean continued = false;
            for (String line : body) {
                String stripped = line.strip();
                if (!continued && (stripped.startsWith("./concord demo") || stripped.startsWith("./mvnw"))) {
                    continue;
                }
                if (!continued && stripped.startsWith("#")) {
                    String comment = stripped.substring(1).strip();
                    if (comment.startsWith("{") || comment.startsWith("[")) {
                        Arrays.stream(comment.split("…")).map(p -> p.strip().replaceFirst("^,", "")).filter(p -> !p.isEmpty())
                                .forEach(expected::add);
                    }
                    continue;
                }
                if (!continued && !stripped.isEmpty()) {
                    commands++;
                }
                kept.add(line);
                continued = stripped.endsWith("\\");
            }
            if (commands > 0) {
                blocks.add(new Block(start, String.join("\n", kept) + "\n", commands, List.copyOf(expected)));
            }
        }
        return List.copyOf(blocks);
    }
}
