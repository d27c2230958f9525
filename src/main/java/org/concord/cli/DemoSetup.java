package org.concord.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.concord.demo.DemoSeed;
import org.concord.node.OwnerOnly;
import org.concord.party.Pairing;
import org.concord.party.PairingRecord;
import org.concord.party.Role;
import org.concord.party.UserAccounts;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code concord demo} prepares in one node's store: pairing with every other demo node, the
 * demo's seed ({@link DemoSeed}) and one user per role. The demo decides it (the passwords too, so
 * that it can write them to nodes.json) and the node applies it in its own process as it starts,
 * before its HTTPS port opens ({@link #beforeTheWebServer}), so that a healthy node is a prepared
 * one; with {@code --setup-only} the demo applies it itself, in a context without a web server.
 * Either way it is this one class, and applying it again changes nothing.
 */
final class DemoSetup {

    static final String FORMAT = "concord-demo-setup/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACTOR = "cli:demo";

    /**
     * One demo user: its password is set when the account is made, and set again on an existing
     * account only when {@code reset} (the demo no longer knows the old one).
     */
    record User(String username, Role role, String password, boolean reset) {
    }

    private final List<PairingRecord> partners;
    private final List<User> users;

    DemoSetup(List<PairingRecord> partners, List<User> users) {
        this.partners = List.copyOf(partners);
        this.users = List.copyOf(users);
    }

    List<User> users() {
        return users;
    }

    /** Pairs, seeds and makes the users in the node whose beans {@code node} holds. */
    void applyTo(ListableBeanFactory node) {
        Pairing pairing = node.getBean(Pairing.class);
        for (PairingRecord partner : partners) {
            pairing.pair(partner, ACTOR, true);
        }
        var seeded = DemoSeed.into(node, ACTOR);
        seeded.refusedIntel().forEach(o ->
                System.err.println("concord: warning: demo object " + o.id() + " refused: " + o.message()));
        // a watchlist to search from the first start: the groups and persons the node itself holds (Jaish al-Adl,
        // Jundallah, the Baloch groups...), as `concord screening import-intel --from own` makes it; once, not at every start
        org.concord.screening.Watchlists watchlists = node.getBean(org.concord.screening.Watchlists.class);
        if (watchlists.sources().isEmpty()) {
            watchlists.importIntel("stix", "own");
        }
        UserAccounts accounts = node.getBean(UserAccounts.class);
        for (User user : users) {
            if (!accounts.exists(user.username())) {
                accounts.add(user.username(), Set.of(user.role()), user.password(), ACTOR);
            } else if (user.reset()) {
                accounts.setPassword(user.username(), user.password(), ACTOR);
            }
        }
    }

    /**
     * Applies this set-up while the node starts, after every bean is ready and before the web
     * server opens its port (a phase just below it), so the demo's health check sees a node only
     * once it is prepared; a set-up that fails stops the node's start.
     */
    SmartLifecycle beforeTheWebServer(ListableBeanFactory node) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                applyTo(node);
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
            }
        };
    }

    /** Writes this set-up to {@code file}, readable by its owner alone (it holds passwords). */
    void write(Path file) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("format", FORMAT);
        ArrayNode records = out.putArray("partners");
        partners.forEach(p -> records.add(JSON.readTree(p.toJson())));
        ArrayNode accounts = out.putArray("users");
        for (User user : users) {
            accounts.addObject().put("username", user.username()).put("role", user.role().name())
                    .put("password", user.password()).put("reset", user.reset());
        }
        OwnerOnly.write(file, (out + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a set-up {@link #write} wrote.
     *
     * @throws org.concord.node.InvalidInput naming the file and the field when it is not one
     */
    static DemoSetup read(Path file) {
        JsonNode in;
        try {
            in = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo set-up " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new org.concord.node.InvalidInput(file.getFileName().toString(), "json", "is not valid JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(in.path("format").asString(""))) {
            throw new org.concord.node.InvalidInput(file.getFileName() + " format", "format",
                    "must be " + FORMAT + ", got '" + in.path("format").asString("") + "'");
        }
        List<PairingRecord> partners = new ArrayList<>();
        int p = 0;
        for (JsonNode record : in.path("partners")) {
            try {
                partners.add(PairingRecord.parse(record.toString()));
            } catch (org.concord.node.InvalidInput e) {
                throw e.within(file.getFileName() + " partners[" + p + "]");
            }
            p++;
        }
        List<User> users = new ArrayList<>();
        int i = 0;
        for (JsonNode user : in.path("users")) {
            String field = file.getFileName() + " users[" + i++ + "]";
            String username = user.path("username").asString("");
            String password = user.path("password").asString("");
            if (username.isEmpty() || password.isEmpty()) {
                throw new org.concord.node.InvalidInput(field, "required", "needs a username and a password");
            }
            Role role = org.concord.node.InvalidInput.oneOf(field + ".role", user.path("role").asString(""), Role.class);
            users.add(new User(username, role, password, user.path("reset").asBoolean(false)));
        }
        return new DemoSetup(partners, users);
    }
}
