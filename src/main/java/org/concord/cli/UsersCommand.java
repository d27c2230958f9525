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

@Command(name = "users", mixinStandardHelpOptions = true, description = "The people who log in to this node.",
        subcommands = {UsersCommand.Add.class, UsersCommand.List.class})
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
}
