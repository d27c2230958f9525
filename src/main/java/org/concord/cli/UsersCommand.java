package org.concord.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import org.concord.node.InvalidInput;
import org.concord.party.Role;
import org.concord.party.UserAccounts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "users", mixinStandardHelpOptions = true, description = "The people who log in to this node.",
        subcommands = {UsersCommand.Add.class, UsersCommand.List.class, UsersCommand.Remove.class, UsersCommand.Disable.class,
            UsersCommand.Enable.class, UsersCommand.Password.class})
class UsersCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user. Without --password-stdin a password is generated and printed once."})
    static class Add implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = {"-u", "--username"}, required = true, description = "2 to 64 characters of a-z, 0-9, '.', '_', '-'.")
        String username;

        @Option(names = {"-r", "--role"}, required = true, paramLabel = "ROLE",
                description = "ADMIN, LIAISON, ANALYST or VIEWER; repeat for several.")
        java.util.List<String> roles;

        @Option(names = "--password-stdin", description = "Read the password (12 characters or more) from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                parsed.add(Role.parse("--role", role));
            }
            String password = null;
            if (passwordStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null) {
                    throw new InvalidInput("--password-stdin", "required", "no password on standard input");
                }
            }
            try (var context = NodeContexts.offline(config.read())) {
                UserAccounts.Added added = context.getBean(UserAccounts.class).add(username, parsed, password, PartnersCommand.actor());
                System.out.println("Added user " + added.account().username() + " with roles " + added.account().roles() + ".");
                if (added.generatedPassword() != null) {
                    System.out.println("Password (shown once): " + added.generatedPassword());
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and their roles.")
    static class List implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (var context = NodeContexts.offline(config.read())) {
                for (UserAccounts.Account account : context.getBean(UserAccounts.class).all()) {
                    System.out.println(account.username() + "  " + account.roles() + (account.enabled() ? "" : "  (disabled)"));
                }
            }
            return 0;
        }
    }

    /** A command that changes one user's standing: it opens the node's context, changes, and says what it did. */
    abstract static class OneUserChange implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USERNAME", description = "The user.")
        String username;

        /** Makes the change and returns the sentence that reports it. */
        abstract String change(UserAccounts accounts, String actor);

        @Override
        public Integer call() {
            try (var context = NodeContexts.offline(config.read())) {
                System.out.println(change(context.getBean(UserAccounts.class), PartnersCommand.actor()));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a user with its roles and tokens; its sessions end. The audit trail keeps what it did.")
    static class Remove extends OneUserChange {
        @Override
        String change(UserAccounts accounts, String actor) {
            accounts.remove(username, actor);
            return "Removed user " + username + "; its tokens and sessions ended.";
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables a user: it can no longer log in, and its tokens and sessions end.")
    static class Disable extends OneUserChange {
        @Override
        String change(UserAccounts accounts, String actor) {
            accounts.disable(username, actor);
            return "Disabled user " + username + "; its tokens and sessions ended.";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Enables a disabled user again; tokens it held before stay ended.")
    static class Enable extends OneUserChange {
        @Override
        String change(UserAccounts accounts, String actor) {
            accounts.enable(username, actor);
            return "Enabled user " + username + ".";
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = {"Sets a user's password and ends its tokens and sessions. Without --password-stdin a password is",
                "generated and printed once."})
    static class Password implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USERNAME", description = "The user whose password to set.")
        String username;

        @Option(names = "--password-stdin", description = "Read the password (12 characters or more) from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws Exception {
            String password = null;
            if (passwordStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null) {
                    throw new InvalidInput("--password-stdin", "required", "no password on standard input");
                }
            }
            try (var context = NodeContexts.offline(config.read())) {
                String generated = context.getBean(UserAccounts.class).setPassword(username, password, PartnersCommand.actor());
                System.out.println("Set the password of " + username + "; its tokens and sessions ended.");
                if (generated != null) {
                    System.out.println("Password (shown once): " + generated);
                }
            }
            return 0;
        }
    }
}
