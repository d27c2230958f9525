package org.concord.party;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.persistence.UserTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Bearer tokens for scripts: {@code Authorization: Bearer <token>}. A token is 256 random bits,
 * shown once; only its SHA-256 is stored, so a copy of the database does not give anyone access.
 * Each token has a public id (a number, neither the secret nor its hash) by which its owner or an
 * administrator lists and revokes it. A token may not mint a token that outlives it. A password
 * change, disabling or removing the user ends all of the user's tokens ({@link UserAccounts}).
 */
@Service
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration LONGEST = Duration.ofDays(90);
    /** How often at most the time a token was last used is written: a read stays a read. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private final UserTable users;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(UserTable users, AuditLog audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param token the secret, shown to the caller once and never stored; @param id its public id */
    public record Issued(String token, String label, Instant expiresAt, long id) {
        @Override
        public String toString() {
            return "Issued[" + id + ", " + label + ", expires " + expiresAt + "]";
        }
    }

    /** A token as its owner and administrators see it: never the secret nor its hash. */
    public record Token(long id, String username, String label, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    }

    /** The live token a request presented, and whose it is. */
    public record Presented(long id, String username, Instant expiresAt) {
    }

    /** Issues a token to a user who logged in with a password: at most {@link #LONGEST}. */
    @Transactional
    public Issued issue(String username, String label, Duration lifetime) {
        return issue(username, label, lifetime, null);
    }

    /**
     * Issues a token. When the caller authenticated with a token ({@code presented} not null), the
     * new token may not outlive it: otherwise a stolen token would renew itself for ever.
     */
    @Transactional
    public Issued issue(String username, String label, Duration lifetime, Presented presented) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new InvalidInput("label", "required", "say in 1 to 100 characters what the token is for");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new InvalidInput("hours", "range", "a token lives between 1 hour and " + LONGEST.toHours() + " hours");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        if (presented != null && expires.isAfter(presented.expiresAt())) {
            long left = Duration.between(now, presented.expiresAt()).toHours();
            throw new InvalidInput("hours", "within-calling-token", "a token may not mint a token that outlives it: the token "
                    + "you called with (id " + presented.id() + ") expires at " + presented.expiresAt() + ", so ask for "
                    + (left >= 1 ? "at most " + left + " hours" : "none (it has less than 1 hour left)")
                    + ", or log in with your password for a longer one");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "concord_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = users.insertToken(hash(token), username, label, expires);
        audit.record("user:" + username, "token.issued", username, "token " + id + " '" + label + "', expires " + expires
                + (presented == null ? "" : ", asked for with token " + presented.id()));
        return new Issued(token, label, expires, id);
    }

    /** The user a live token belongs to. */
    public Optional<String> owner(String token) {
        return users.tokenOwner(hash(token));
    }

    /**
     * What a bearer secret is: a live token ({@code live}) with its user as stored ({@code owner}: null
     * when the user is gone; enabled or not, the caller decides), a token that expired at
     * {@code expiredAt} (not yet purged), or neither (unknown, or revoked).
     */
    public record Check(Presented live, Instant expiredAt, UserTable.StoredUser owner) {
    }

    /**
     * Reads what a bearer secret is, its user, and the failed-login row of {@code throttleSubject}
     * (the caller's address, as {@code LoginThrottle} names it), in one query: one round trip a
     * request. Nothing is written: {@link #check} does that, once the throttle has let the request by.
     */
    public UserTable.TokenLookup lookUp(String token, String throttleSubject) {
        return users.tokenWithOwnerAndThrottle(hash(token), throttleSubject);
    }

    /** What a looked-up secret is; records when a live token was used (at most once a minute). */
    public Check check(UserTable.TokenLookup lookup) {
        Optional<UserTable.TokenAndOwner> found = lookup.token();
        if (found.isEmpty()) {
            return new Check(null, null, null);
        }
        UserTable.StoredToken stored = found.get().token();
        Instant now = clock.instant();
        if (!stored.expiresAt().isAfter(now)) {
            return new Check(null, stored.expiresAt(), null);
        }
        if (stored.lastUsedAt() == null || stored.lastUsedAt().isBefore(now.minus(LAST_USED_GRANULARITY))) {
            users.touchToken(stored.id(), now, LAST_USED_GRANULARITY);
        }
        return new Check(new Presented(stored.id(), stored.username(), stored.expiresAt()), null, found.get().owner());
    }

    /** The live tokens of one user, oldest first. */
    public List<Token> of(String username) {
        return users.liveTokens(username).stream().map(ApiTokens::token).toList();
    }

    /** The live tokens of every user, oldest first (for the {@code concord} command). */
    public List<Token> all() {
        return users.liveTokens(null).stream().map(ApiTokens::token).toList();
    }

    /**
     * Revokes a token. {@code username} may revoke only its own unless {@code administrator}; a
     * token of someone else is reported as absent, so that ids of others' tokens are not revealed.
     */
    @Transactional
    public Token revoke(long id, String username, boolean administrator, String actor) {
        Optional<UserTable.StoredToken> found = users.token(id).filter(t -> administrator || t.username().equals(username));
        if (found.isEmpty()) {
            throw NotFound.of("id", "no live token " + id + (administrator ? "" : " of yours"));
        }
        users.deleteToken(id);
        audit.record(actor, "token.revoked", found.get().username(), "token " + id + " '" + found.get().label() + "'");
        return token(found.get());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    @SchedulerLock(name = "party.purge-expired-tokens", lockAtMostFor = "PT1M")
    @Transactional
    public void purgeExpired() {
        int purged = users.deleteExpiredTokens();
        if (purged > 0) {
            log.info("purged {} expired API tokens", purged);
        }
    }

    private static Token token(UserTable.StoredToken t) {
        return new Token(t.id(), t.username(), t.label(), t.createdAt(), t.expiresAt(), t.lastUsedAt());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
