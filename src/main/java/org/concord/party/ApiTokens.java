package org.concord.party;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.concord.audit.AuditLog;
import org.concord.node.InvalidInput;
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
 */
@Service
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration LONGEST = Duration.ofDays(90);
    private final UserTable users;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(UserTable users, AuditLog audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param token the secret, shown to the caller once and never stored */
    public record Issued(String token, String label, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[" + label + ", expires " + expiresAt + "]";
        }
    }

    @Transactional
    public Issued issue(String username, String label, Duration lifetime) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new InvalidInput("label", "required", "say in 1 to 100 characters what the token is for");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new InvalidInput("hours", "range", "a token lives between 1 hour and " + LONGEST.toHours() + " hours");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "concord_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = clock.instant().plus(lifetime);
        users.insertToken(hash(token), username, label, expires);
        audit.record("user:" + username, "token.issued", username, label + ", expires " + expires);
        return new Issued(token, label, expires);
    }

    /** The user a live token belongs to. */
    public Optional<String> owner(String token) {
        return users.tokenOwner(hash(token));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    @SchedulerLock(name = "party.purge-expired-tokens", lockAtMostFor = "PT10M")
    @Transactional
    public void purgeExpired() {
        int purged = users.deleteExpiredTokens();
        if (purged > 0) {
            log.info("purged {} expired API tokens", purged);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
