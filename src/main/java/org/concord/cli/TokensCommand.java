package org.concord.cli;

import java.util.concurrent.Callable;

import org.concord.node.InvalidInput;
import org.concord.party.ApiTokens;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", mixinStandardHelpOptions = true, description = "The bearer tokens users hold for scripts.",
        subcommands = {TokensCommand.List.class, TokensCommand.Revoke.class})
class TokensCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists live tokens by id: whose, what for, when made, when they expire, when last used. Never the secrets.")
    static class List implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = {"-u", "--user"}, paramLabel = "USERNAME", description = "Only this user's tokens.")
        String user;

        @Override
        public Integer call() {
            try (var context = NodeContexts.offline(config.read())) {
                ApiTokens tokens = context.getBean(ApiTokens.class);
                java.util.List<ApiTokens.Token> live = user == null ? tokens.all() : tokens.of(user);
                if (live.isEmpty()) {
                    System.out.println("No live tokens" + (user == null ? "." : " of " + user + "."));
                }
                for (ApiTokens.Token token : live) {
                    System.out.println(token.id() + "  " + token.username() + "  '" + token.label() + "'  created " + token.createdAt()
                            + "  expires " + token.expiresAt() + "  last used " + (token.lastUsedAt() == null ? "never" : token.lastUsedAt()));
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token by its id (as 'tokens list' shows it).")
    static class Revoke implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "The token's id.")
        String id;

        @Override
        public Integer call() {
            long parsed;
            try {
                parsed = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw new InvalidInput("ID", "number", "a token id is a number, as 'concord tokens list' shows it; got '" + id + "'");
            }
            try (var context = NodeContexts.offline(config.read())) {
                ApiTokens.Token revoked = context.getBean(ApiTokens.class).revoke(parsed, null, true, PartnersCommand.actor());
                System.out.println("Revoked token " + revoked.id() + " of " + revoked.username() + " ('" + revoked.label() + "').");
            }
            return 0;
        }
    }
}
