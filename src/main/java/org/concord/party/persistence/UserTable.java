package org.concord.party.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.concord.party.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code party_user}, {@code party_user_role} and {@code party_api_token} tables. */
@Repository
public class UserTable {

    private final JdbcClient jdbc;
    private final Clock clock;

    UserTable(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored user; the hash is Spring Security's {@code {id}hash} form. */
    public record StoredUser(String username, String passwordHash, boolean enabled, Set<Role> roles, long credentialsEpoch) {
        public StoredUser(String username, String passwordHash, boolean enabled, Set<Role> roles) {
            this(username, passwordHash, enabled, roles, 0);
        }

        @Override
        public String toString() {
            return "StoredUser[" + username + ", " + roles + ", enabled=" + enabled + "]";
        }
    }

    /** A token as its owner and administrators see it: never the secret nor its hash. */
    public record StoredToken(long id, String username, String label, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from party_user where username = ?").param(username).query(Integer.class).single() > 0;
    }

    public void insert(String username, String passwordHash, Set<Role> roles, String actor) {
        jdbc.sql("insert into party_user (username, password_hash, enabled, created_at, created_by) values (?, ?, true, ?, ?)")
                .params(username, passwordHash, Timestamp.from(clock.instant()), actor)
                .update();
        for (Role role : roles) {
            jdbc.sql("insert into party_user_role (username, role) values (?, ?)").params(username, role.name()).update();
        }
    }

    /** Sets the password and starts a new credentials epoch. */
    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("update party_user set password_hash = ?, credentials_epoch = credentials_epoch + 1, credentials_changed_at = ?"
                + " where username = ?").params(passwordHash, Timestamp.from(clock.instant()), username).update();
    }

    /** Enables or disables a user; disabling starts a new credentials epoch. @return whether the user exists */
    public boolean setEnabled(String username, boolean enabled) {
        String sql = enabled ? "update party_user set enabled = true where username = ?"
                : "update party_user set enabled = false, credentials_epoch = credentials_epoch + 1, credentials_changed_at = ?"
                        + " where username = ?";
        var statement = jdbc.sql(sql);
        statement = enabled ? statement.param(username) : statement.params(Timestamp.from(clock.instant()), username);
        return statement.update() > 0;
    }

    /** Deletes a user with its roles and tokens. @return whether the user existed */
    public boolean delete(String username) {
        jdbc.sql("delete from party_api_token where username = ?").param(username).update();
        jdbc.sql("delete from party_user_role where username = ?").param(username).update();
        return jdbc.sql("delete from party_user where username = ?").param(username).update() > 0;
    }

    /** How many enabled users hold {@code role}. */
    public int enabledWithRole(Role role) {
        return jdbc.sql("select count(*) from party_user u join party_user_role r on r.username = u.username"
                + " where u.enabled = true and r.role = ?").param(role.name()).query(Integer.class).single();
    }

    /** The user's credentials epoch, if the user exists and is enabled. */
    public Optional<Long> liveCredentialsEpoch(String username) {
        return jdbc.sql("select credentials_epoch from party_user where username = ? and enabled = true")
                .param(username).query(Long.class).optional();
    }

    public Optional<StoredUser> find(String username) {
        return all(username).stream().findFirst();
    }

    public List<StoredUser> all() {
        return all(null);
    }

    private List<StoredUser> all(String only) {
        Map<String, StoredUser> users = new LinkedHashMap<>();
        String sql = """
                select u.username, u.password_hash, u.enabled, u.credentials_epoch, r.role
                from party_user u left join party_user_role r on r.username = u.username
                %s order by u.username, r.role""".formatted(only == null ? "" : "where u.username = ?");
        var statement = jdbc.sql(sql);
        if (only != null) {
            statement = statement.param(only);
        }
        statement.query(rs -> {
            String name = rs.getString("username");
            StoredUser user = users.get(name);
            if (user == null) {
                user = userOf(rs, "username");
                users.put(name, user);
            }
            String role = rs.getString("role");
            if (role != null) {
                user.roles().add(Role.valueOf(role));
            }
        });
        return users.values().stream().map(UserTable::withRolesFixed).toList();
    }

    /**
     * The user on the current line of a result that holds {@code party_user}'s columns, its name in {@code nameColumn},
     * with a role set still to fill: one line per role, the caller adds each line's ({@link #withRolesFixed} once done).
     */
    private static StoredUser userOf(java.sql.ResultSet rs, String nameColumn) throws java.sql.SQLException {
        return new StoredUser(rs.getString(nameColumn), rs.getString("password_hash"), rs.getBoolean("enabled"), EnumSet.noneOf(Role.class),
                rs.getLong("credentials_epoch"));
    }

    /**
     * A user read by {@link #userOf}, its roles read in full and now fixed, in {@link Role}'s order (as
     * {@code GET /api/users}, the audit trail and the CLI list them), not in {@code Set.copyOf}'s, which
     * changes with every JVM start.
     */
    private static StoredUser withRolesFixed(StoredUser user) {
        return new StoredUser(user.username(), user.passwordHash(), user.enabled(),
                java.util.Collections.unmodifiableSet(EnumSet.copyOf(user.roles())), user.credentialsEpoch());
    }

    /** @return the new token's id */
    public long insertToken(String tokenHash, String username, String label, Instant expiresAt) {
        jdbc.sql("insert into party_api_token (token_hash, username, label, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(tokenHash, username, label, Timestamp.from(clock.instant()), Timestamp.from(expiresAt))
                .update();
        return jdbc.sql("select id from party_api_token where token_hash = ?").param(tokenHash).query(Long.class).single();
    }

    private static final String TOKEN_COLUMNS = "id, username, label, created_at, expires_at, last_used_at";

    private static StoredToken token(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        return new StoredToken(rs.getLong("id"), rs.getString("username"), rs.getString("label"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant());
    }

    /** A live (unexpired) token by its hash. */
    public Optional<StoredToken> liveToken(String tokenHash) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from party_api_token where token_hash = ? and expires_at > ?")
                .params(tokenHash, Timestamp.from(clock.instant()))
                .query(UserTable::token).optional();
    }

    /** A token by its hash, expired or not. */
    public Optional<StoredToken> anyToken(String tokenHash) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from party_api_token where token_hash = ?")
                .param(tokenHash).query(UserTable::token).optional();
    }

    /** A token, expired or not, with its user as stored (null when the user is gone). */
    public record TokenAndOwner(StoredToken token, StoredUser owner) {
    }

    /**
     * What a request with a bearer token needs, in one round trip: the failed-login row of
     * {@code throttleSubject} (the caller's address, {@link LoginThrottleTable}), and {@link #anyToken}
     * with {@link #find} of its user.
     */
    public record TokenLookup(Optional<LoginThrottleTable.Row> throttle, Optional<TokenAndOwner> token) {
    }

    /** {@link TokenLookup}: the throttle row, the token and its owner in one query. */
    public TokenLookup tokenWithOwnerAndThrottle(String tokenHash, String throttleSubject) {
        List<LoginThrottleTable.Row> throttle = new java.util.ArrayList<>(1);
        List<TokenAndOwner> found = new java.util.ArrayList<>(1);
        boolean[] first = {true};
        jdbc.sql("""
                select th.subject as th_subject, th.failures as th_failures, th.first_failure_at as th_first_failure_at,
                       th.last_failure_at as th_last_failure_at, th.blocked_until as th_blocked_until,
                       t.id, t.username, t.label, t.created_at, t.expires_at, t.last_used_at,
                       u.username as owner, u.password_hash, u.enabled, u.credentials_epoch, r.role
                from (select cast(? as varchar(200)) as subject) s
                left join party_login_throttle th on th.subject = s.subject
                left join party_api_token t on t.token_hash = ?
                left join party_user u on u.username = t.username
                left join party_user_role r on r.username = u.username
                order by r.role""").params(throttleSubject, tokenHash).query(rs -> {
            if (first[0]) {
                first[0] = false;
                if (rs.getString("th_subject") != null) {
                    throttle.add(LoginThrottleTable.read(rs, "th_"));
                }
            }
            if (rs.getObject("id") == null) {
                return;
            }
            if (found.isEmpty()) {
                StoredToken token = token(rs, 0);
                found.add(new TokenAndOwner(token, rs.getString("owner") == null ? null : userOf(rs, "owner")));
            }
            String role = rs.getString("role");
            if (role != null) {
                found.get(0).owner().roles().add(Role.valueOf(role));
            }
        });
        return new TokenLookup(throttle.stream().findFirst(), found.stream().findFirst().map(t -> new TokenAndOwner(t.token(),
                t.owner() == null ? null : withRolesFixed(t.owner()))));
    }

    /**
     * What a request with HTTP Basic needs, in one round trip: the failed-login rows of {@code throttleSubjects} that exist
     * (the caller's address and the account named, {@link LoginThrottleTable}), and {@link #find} of the user named.
     */
    public record UserLookup(List<LoginThrottleTable.Row> throttle, Optional<StoredUser> user) {
    }

    /** {@link UserLookup}: the throttle rows, the user and its roles in one query. */
    public UserLookup userWithThrottle(String username, List<String> throttleSubjects) {
        Map<String, LoginThrottleTable.Row> throttle = new LinkedHashMap<>();
        List<StoredUser> found = new java.util.ArrayList<>(1);
        String subjects = String.join(" union all ", java.util.Collections.nCopies(throttleSubjects.size(),
                "select cast(? as varchar(200)) as subject"));
        Object[] params = new Object[throttleSubjects.size() + 1];
        throttleSubjects.toArray(params);
        params[params.length - 1] = username;
        jdbc.sql("""
                select th.subject as th_subject, th.failures as th_failures, th.first_failure_at as th_first_failure_at,
                       th.last_failure_at as th_last_failure_at, th.blocked_until as th_blocked_until,
                       u.username, u.password_hash, u.enabled, u.credentials_epoch, r.role
                from (%s) s
                left join party_login_throttle th on th.subject = s.subject
                left join party_user u on u.username = ?
                left join party_user_role r on r.username = u.username
                order by s.subject, r.role""".formatted(subjects)).params(params).query(rs -> {
            String subject = rs.getString("th_subject");
            if (subject != null && !throttle.containsKey(subject)) {
                throttle.put(subject, LoginThrottleTable.read(rs, "th_"));
            }
            if (rs.getString("username") != null && found.isEmpty()) {
                found.add(userOf(rs, "username"));
            }
            String role = rs.getString("role");
            if (role != null) {
                found.get(0).roles().add(Role.valueOf(role));
            }
        });
        return new UserLookup(List.copyOf(throttle.values()), found.stream().findFirst().map(UserTable::withRolesFixed));
    }

    /** The user a live token belongs to. */
    public Optional<String> tokenOwner(String tokenHash) {
        return liveToken(tokenHash).map(StoredToken::username);
    }

    /** Live tokens of one user, or of every user when {@code username} is null, oldest first. */
    public List<StoredToken> liveTokens(String username) {
        String sql = "select " + TOKEN_COLUMNS + " from party_api_token where expires_at > ?"
                + (username == null ? "" : " and username = ?") + " order by id";
        var statement = jdbc.sql(sql).param(Timestamp.from(clock.instant()));
        if (username != null) {
            statement = statement.param(username);
        }
        return statement.query(UserTable::token).list();
    }

    public Optional<StoredToken> token(long id) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from party_api_token where id = ? and expires_at > ?")
                .params(id, Timestamp.from(clock.instant())).query(UserTable::token).optional();
    }

    public boolean deleteToken(long id) {
        return jdbc.sql("delete from party_api_token where id = ?").param(id).update() > 0;
    }

    /** @return how many tokens the user held */
    public int deleteTokensOf(String username) {
        return jdbc.sql("delete from party_api_token where username = ?").param(username).update();
    }

    /** Records that a token was used, at most once per {@code granularity}, so that reads stay reads. */
    public void touchToken(long id, Instant now, java.time.Duration granularity) {
        jdbc.sql("update party_api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), id, Timestamp.from(now.minus(granularity)))
                .update();
    }

    public int deleteExpiredTokens() {
        return jdbc.sql("delete from party_api_token where expires_at <= ?").param(Timestamp.from(clock.instant())).update();
    }
}
