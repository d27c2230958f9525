package org.concord.party;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.concord.audit.AuditLog;
import org.concord.node.Conflict;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.persistence.UserTable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who log in to this node: adding them, their roles, their passwords. */
@Service
public class UserAccounts {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final UserTable users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserAccounts(UserTable users, PasswordEncoder passwords, AuditLog audit) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** A user as others may see it: never the password or its hash. */
    public record Account(String username, Set<Role> roles, boolean enabled) {
    }

    /** @param generatedPassword the password when this call generated it (to be shown once), else null */
    public record Added(Account account, String generatedPassword) {
        @Override
        public String toString() {
            return "Added[" + account + "]";
        }
    }

    @Transactional
    public Added add(String username, Set<Role> roles, String password, String actor) {
        checkUsername(username);
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInput("roles", "required", "give at least one of ADMIN, LIAISON, ANALYST, VIEWER");
        }
        String generated = password == null ? generatePassword() : null;
        String chosen = password == null ? generated : checkPassword(password);
        if (users.exists(username)) {
            throw new Conflict("username", "a user '" + username + "' already exists");
        }
        users.insert(username, passwords.encode(chosen), roles, actor);
        audit.record(actor, "user.added", username, "roles " + roles);
        return new Added(new Account(username, Set.copyOf(roles), true), generated);
    }

    @Transactional
    public void setPassword(String username, String password, String actor) {
        checkPassword(password);
        if (!users.exists(username)) {
            throw new NotFound("no user '" + username + "'");
        }
        users.updatePassword(username, passwords.encode(password));
        audit.record(actor, "user.password-set", username, null);
    }

    public boolean exists(String username) {
        return users.exists(username);
    }

    public List<Account> all() {
        return users.all().stream().map(u -> new Account(u.username(), u.roles(), u.enabled())).toList();
    }

    /** Twenty characters from a 56-letter alphabet without look-alikes: about 116 bits. */
    public static String generatePassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new InvalidInput("username", "username", "must be 2 to 64 characters of a-z, 0-9, '.', '_' or '-', "
                    + "starting with a letter or digit, got '" + username + "'");
        }
    }

    private static String checkPassword(String password) {
        if (password.length() < 12 || password.length() > 200) {
            throw new InvalidInput("password", "length", "must be 12 to 200 characters long");
        }
        return password;
    }
}
