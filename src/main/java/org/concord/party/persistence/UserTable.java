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
    public record StoredUser(String username, String passwordHash, boolean enabled, Set<Role> roles) {
        @Override
        public String toString() {
            return "StoredUser[" + username + ", " + roles + ", enabled=" + enabled + "]";
        }
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

    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("update party_user set password_hash = ? where username = ?").params(passwordHash, username).update();
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
                select u.username, u.password_hash, u.enabled, r.role
                from party_user u left join party_user_role r on r.username = u.username
                %s order by u.username, r.role""".formatted(only == null ? "" : "where u.username = ?");
        var statement = jdbc.sql(sql);
        if (only != null) {
            statement = statement.param(only);
        }
        statement.query(rs -> {
            String name = rs.getString("username");
            StoredUser user = users.computeIfAbsent(name, n -> {
                try {
                    return new StoredUser(n, rs.getString("password_hash"), rs.getBoolean("enabled"), EnumSet.noneOf(Role.class));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String role = rs.getString("role");
            if (role != null) {
                user.roles().add(Role.valueOf(role));
            }
        });
        return users.values().stream().map(u -> new StoredUser(u.username(), u.passwordHash(), u.enabled(), Set.copyOf(u.roles()))).toList();
    }

    public void insertToken(String tokenHash, String username, String label, Instant expiresAt) {
        jdbc.sql("insert into party_api_token (token_hash, username, label, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(tokenHash, username, label, Timestamp.from(clock.instant()), Timestamp.from(expiresAt))
                .update();
    }

    /** The user a live token belongs to. */
    public Optional<String> tokenOwner(String tokenHash) {
        return jdbc.sql("select username from party_api_token where token_hash = ? and expires_at > ?")
                .params(tokenHash, Timestamp.from(clock.instant()))
                .query(String.class).optional();
    }

    public int deleteExpiredTokens() {
        return jdbc.sql("delete from party_api_token where expires_at <= ?").param(Timestamp.from(clock.instant())).update();
    }
}
