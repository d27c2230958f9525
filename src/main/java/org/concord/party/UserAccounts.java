package org.concord.party;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumSet;
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

/**
 * The people who log in to this node: adding them, their roles, their passwords, disabling and
 * removing them. A password change, disabling and removal end every token of the user and start a
 * new credentials epoch, against which a session begun earlier fails ({@link #sessionIsCurrent}).
 * The last enabled administrator can be neither disabled nor removed. Every change is audited in
 * its own transaction.
 */
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
            throw new Conflict("username", "unique", "a user '" + username + "' already exists");
        }
        users.insert(username, passwords.encode(chosen), roles, actor);
        // in Role's order, the same in every process (roles is not empty, as EnumSet.copyOf needs)
        Set<Role> fixed = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        audit.record(actor, "user.added", username, "roles " + fixed);
        return new Added(new Account(username, fixed, true), generated);
    }

    /**
     * Sets a user's password ({@code null}: generates one) and ends the user's tokens and sessions.
     *
     * @return the generated password, to be shown once, or null when {@code password} was given
     */
    @Transactional
    public String setPassword(String username, String password, String actor) {
        String generated = password == null ? generatePassword() : null;
        String chosen = password == null ? generated : checkPassword(password);
        if (!users.exists(username)) {
            throw NotFound.of("username", "no user '" + username + "'");
        }
        users.updatePassword(username, passwords.encode(chosen));
        int ended = users.deleteTokensOf(username);
        audit.record(actor, "user.password-set", username, endedDetail(ended));
        return generated;
    }

    /** Disables a user: it can no longer log in, and its tokens and sessions end. Disabling twice changes nothing. */
    @Transactional
    public void disable(String username, String actor) {
        UserTable.StoredUser user = users.find(username).orElseThrow(() -> NotFound.of("username", "no user '" + username + "'"));
        if (!user.enabled()) {
            return;
        }
        keepOneAdministrator(user, "disable");
        users.setEnabled(username, false);
        int ended = users.deleteTokensOf(username);
        audit.record(actor, "user.disabled", username, endedDetail(ended));
    }

    /** Enables a disabled user again; its old tokens stay ended. */
    @Transactional
    public void enable(String username, String actor) {
        UserTable.StoredUser user = users.find(username).orElseThrow(() -> NotFound.of("username", "no user '" + username + "'"));
        if (user.enabled()) {
            return;
        }
        users.setEnabled(username, true);
        audit.record(actor, "user.enabled", username, null);
    }

    /** Removes a user, its roles and its tokens. The audit trail keeps what it did. */
    @Transactional
    public void remove(String username, String actor) {
        UserTable.StoredUser user = users.find(username).orElseThrow(() -> NotFound.of("username", "no user '" + username + "'"));
        if (user.enabled()) {
            keepOneAdministrator(user, "remove");
        }
        int ended = users.deleteTokensOf(username);
        users.delete(username);
        audit.record(actor, "user.removed", username, "roles " + user.roles() + "; " + endedDetail(ended));
    }

    /**
     * What a session records when it begins (form login in the web console): whose it is and the
     * credentials epoch it began in. Null for a user who does not exist or is disabled.
     */
    public SessionStamp sessionStamp(String username) {
        return users.liveCredentialsEpoch(username).map(epoch -> new SessionStamp(username, epoch)).orElse(null);
    }

    /**
     * Whether a session begun with {@code stamp} still counts: the user exists, is enabled, and
     * neither changed its password nor was disabled since.
     */
    public boolean sessionIsCurrent(SessionStamp stamp) {
        return stamp != null && users.liveCredentialsEpoch(stamp.username()).filter(epoch -> epoch == stamp.credentialsEpoch()).isPresent();
    }

    /** Whose a session is and the credentials epoch it began in. */
    public record SessionStamp(String username, long credentialsEpoch) implements java.io.Serializable {
    }

    private void keepOneAdministrator(UserTable.StoredUser user, String verb) {
        if (user.roles().contains(Role.ADMIN) && users.enabledWithRole(Role.ADMIN) <= 1) {
            throw new Conflict("username", "last-admin", "'" + user.username() + "' is the last enabled ADMIN; add another administrator "
                    + "before you " + verb + " this one");
        }
    }

    private static String endedDetail(int tokens) {
        return tokens + " token" + (tokens == 1 ? "" : "s") + " ended; earlier sessions ended";
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
