package org.concord.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.concord.node.InvalidInput;
import org.concord.party.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file through which {@code concord demo} hands each node its set-up: it holds passwords, so only
 * its owner reads it, and a node given a damaged one is told which field is wrong, not started half
 * prepared. (That a node applies it before its port opens is {@code DemoIT}'s: the demo logs in as
 * soon as the node answers.)
 */
class DemoSetupFileTest {

    @TempDir
    Path dir;

    @Test
    void whatTheDemoWritesTheNodeReadsBackAndNoOtherUserCanRead() throws Exception {
        Path file = dir.resolve("demo-setup.json");
        new DemoSetup(List.of(), List.of(new DemoSetup.User("pk-liaison", Role.LIAISON, "secret-1", true),
                new DemoSetup.User("pk-viewer", Role.VIEWER, "secret-2", false))).write(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DemoSetup.read(file).users()).containsExactly(new DemoSetup.User("pk-liaison", Role.LIAISON, "secret-1", true),
                new DemoSetup.User("pk-viewer", Role.VIEWER, "secret-2", false));
    }

    @Test
    void aDamagedSetUpNamesTheFieldAndTheRule() throws Exception {
        Path file = dir.resolve("demo-setup.json");
        Files.writeString(file, "{\"format\": \"concord-demo-setup/1\", \"users\": [{\"username\": \"a\", \"role\": \"GENERAL\", \"password\": \"p\"}]}");
        assertThatThrownBy(() -> DemoSetup.read(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("demo-setup.json users[0].role").hasMessageContaining("GENERAL");

        Files.writeString(file, "{\"format\": \"concord-demo-setup/1\", \"users\": [{\"username\": \"a\", \"role\": \"VIEWER\"}]}");
        assertThatThrownBy(() -> DemoSetup.read(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("demo-setup.json users[0]").hasMessageContaining("password");

        Files.writeString(file, "{\"format\": \"something else\"}");
        assertThatThrownBy(() -> DemoSetup.read(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("format").hasMessageContaining("concord-demo-setup/1");

        Files.writeString(file, "{\"format\": ");
        assertThatThrownBy(() -> DemoSetup.read(file)).isInstanceOf(InvalidInput.class).hasMessageContaining("not valid JSON");
    }
}
