package org.concord.cli;

import java.io.PrintWriter;

import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.springframework.boot.web.server.PortInUseException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code concord} command. */
@Command(name = "concord", mixinStandardHelpOptions = true, version = "concord 0.1.0",
        description = "A Concord node: federated security cooperation between neighbouring states.",
        subcommands = {NodeCommand.class, DemoCommand.class, KeysCommand.class, PartnersCommand.class, IntelCommand.class, ScreeningCommand.class,
            UsersCommand.class, TokensCommand.class, VerifyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'concord COMMAND --help' for a command's options. Documentation: README.md and docs/."})
public class ConcordCommand extends CommandGroup {

    /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 bad input. */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new ConcordCommand());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("concord: error: " + oneLine(e));
            err.flush();
            return isInputError(e) ? 2 : 1;
        });
        return line.execute(args);
    }

    static boolean isInputError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInput || t instanceof Conflict || t instanceof NotFound) {
                return true;
            }
        }
        return false;
    }

    /** The one line a person needs: the innermost error that says what to change. */
    static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidInput || t instanceof Conflict || t instanceof NotFound) {
                return t.getMessage();
            }
            if (t instanceof PortInUseException port) {
                return "port " + port.getPort() + " is already in use (server.port): stop the program listening there"
                        + " or choose another port";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }
}
