package org.concord.party.security;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The stored hash's check (Argon2id: 16 MiB and tens of milliseconds of a core each time), done once
 * per password and stored hash within {@link #TTL}, not on every request of a client that sends HTTP
 * Basic each time (the TAXII 2.1 specification expects Basic, and TAXII clients send it with every
 * page). As Elasticsearch's realms keep a user's verified credentials for 20 minutes.
 *
 * <p>What is kept, in memory only: for each stored hash that a password was checked against
 * successfully, an HMAC-SHA-256 of that password under a key drawn at start and never written out,
 * and when the check was made. A request is accepted without Argon2 only if its password's HMAC
 * equals the kept one for the very hash the users table holds now and the check is younger than
 * {@link #TTL}: a changed password is a new hash and misses, and a wrong password always goes to
 * Argon2 (and to the failed-login count), so no answer comes faster for a guess. The account's state
 * (disabled, removed, credentials epoch) is read from the database on every request as before. The
 * price: a copy of the node's memory would let an attacker test guesses of a recently used password at
 * SHA-256's speed rather than Argon2's (docs/security.md).
 */
final class RecentlyVerifiedPasswords implements PasswordEncoder {

    static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder stored;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(byte[] mac, Instant at) {
    }

    RecentlyVerifiedPasswords(PasswordEncoder stored, Clock clock) {
        this.stored = stored;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return stored.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || encodedPassword.isEmpty()) {
            return stored.matches(rawPassword, encodedPassword);
        }
        byte[] mac = mac(rawPassword);
        Instant now = clock.instant();
        Verified known = verified.get(encodedPassword);
        if (known != null && now.isBefore(known.at().plus(TTL)) && !now.isBefore(known.at())
                && MessageDigest.isEqual(known.mac(), mac)) {
            return true;
        }
        boolean matches = stored.matches(rawPassword, encodedPassword);
        if (matches) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> !now.isBefore(v.at().plus(TTL)));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(encodedPassword, new Verified(mac, now));
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return stored.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(password.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
