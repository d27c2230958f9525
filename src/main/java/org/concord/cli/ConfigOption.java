package org.concord.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --config FILE} option every node command takes. */
class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:CONCORD_CONFIG:-concord.yml}",
            description = "The node's configuration file (default: $CONCORD_CONFIG or ./concord.yml).")
    Path file;

    ConfigFile read() {
        return ConfigFile.read(file);
    }
}
