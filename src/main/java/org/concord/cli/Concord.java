package org.concord.cli;

/**
 * Entry point of the {@code concord} command (and of {@code java -jar concord.jar}). Commands that
 * run a node return only when the node stops.
 */
public final class Concord {

    private Concord() {
    }

    public static void main(String[] args) {
        System.exit(ConcordCommand.execute(args));
    }
}
