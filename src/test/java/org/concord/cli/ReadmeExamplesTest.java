package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which of the README's examples {@code DemoIT} runs against the demo, read from the README itself. */
class ReadmeExamplesTest {

    @Test
    void theBlocksThatTalkToTheDemoAreFoundWithTheirCommandsAndTheAnswersTheyShow() throws Exception {
        List<ReadmeExamples.Block> blocks = ReadmeExamples.talkingToTheDemo(Files.readString(Path.of("README.md")));

        assertThat(blocks).extracting(ReadmeExamples.Block::script)
                .anySatisfy(s -> assertThat(s).contains("/api/whoami").contains("--cert data/demo/pk/keys/tls.crt"))
                .anySatisfy(s -> assertThat(s).contains("match[type]=intrusion-set").contains("./concord intel import"))
                .anySatisfy(s -> assertThat(s).contains("jq -r").contains("/api/cases"))
                .allSatisfy(s -> assertThat(s).doesNotContain("./concord demo").doesNotContain("./mvnw"));
        ReadmeExamples.Block whoami = blocks.stream().filter(b -> b.script().contains("/api/whoami")).findFirst().orElseThrow();
        assertThat(whoami.commands()).as("a command continued over two lines is one").isEqualTo(1);
        assertThat(whoami.expected()).contains("{\"kind\":\"partner\",\"party\":\"PK\",", "\"node\":{\"party\":\"IR\",");
    }

    @Test
    void blocksThatDoNotTalkToTheDemoAndTheLinesThatStartItAreLeftOut() {
        String readme = """
                ```sh
                ./concord demo          # PK on https://localhost:8441
                ./mvnw verify
                ```

                ```sh
                ./concord screening eval --list x.xml
                ```

                ```sh
                # a comment, not an answer
                curl --cacert data/demo/ir/keys/tls.crt \\
                     https://localhost:8442/api/whoami
                # [{"a":1},…]
                ```
                """;

        List<ReadmeExamples.Block> blocks = ReadmeExamples.talkingToTheDemo(readme);

        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).line()).isEqualTo(10);
        assertThat(blocks.get(0).commands()).isEqualTo(1);
        assertThat(blocks.get(0).script()).doesNotContain("a comment");
        assertThat(blocks.get(0).expected()).containsExactly("[{\"a\":1},", "]");
    }
}
