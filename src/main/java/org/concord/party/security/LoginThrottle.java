package org.concord.party.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.party.persistence.LoginThrottleTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Failed logins, counted per account (the user name as given, whether it exists or not) and per
 * address (an IPv6 address by its /64 prefix), for HTTP Basic and bearer tokens alike. After
 * {@code account-failures} failures in a window (5 by default) the account, and after
 * {@code address-failures} (20) the address, is refused for {@code first-block} (30 s), doubling
 * with every further failure up to {@code longest-block} (15 min): 429 with {@code Retry-After},
 * the password not even checked. A refused attempt is not counted. The window ends
 * {@code window} (1 h) after the last failure. A successful login clears the account's count.
 *
 * <p>The counts live in the database ({@code party_login_throttle}), so that several instances of
 * one node share them; a row is written only on a failure. Each failure is logged in one line;
 * it is audited only when it opens a window or starts a block, so that an attacker cannot fill the
 * audit trail: per address at most {@code address-failures} rows plus one per block.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private final LoginThrottleTable table;
    private final AuditLog audit;
    private final Clock clock;
    private final int accountFailures;
    private final int addressFailures;
    private final Duration firstBlock;
    private final Duration longestBlock;
    private final Duration window;

    LoginThrottle(LoginThrottleTable table, AuditLog audit, Clock clock,
            @Value("${concord.login-throttle.account-failures:5}") int accountFailures,
            @Value("${concord.login-throttle.address-failures:20}") int addressFailures,
            @Value("${concord.login-throttle.first-block:PT30S}") Duration firstBlock,
            @Value("${concord.login-throttle.longest-block:PT15M}") Duration longestBlock,
            @Value("${concord.login-throttle.window:PT1H}") Duration window) {
        this.table = table;
        this.audit = audit;
        this.clock = clock;
        this.accountFailures = accountFailures;
        this.addressFailures = addressFailures;
        this.firstBlock = firstBlock;
        this.longestBlock = longestBlock;
        this.window = window;
    }

    /**
     * Where a login attempt stands before its credentials are checked.
     *
     * @param blockedFor         how long the attempt must wait, or null if it may go ahead
     * @param blocked            what is blocked: {@code account} or {@code address}
     * @param accountHasFailures whether a success has a count to clear
     */
    public record Standing(Duration blockedFor, String blocked, boolean accountHasFailures) {
        public boolean isBlocked() {
            return blockedFor != null;
        }

        /** Whole seconds, rounded up, for {@code Retry-After}. */
        public long retryAfterSeconds() {
            return Math.max(1, (blockedFor.toMillis() + 999) / 1000);
        }
    }

    /** @param account the user name as given, or null (a bearer token names no account) */
    public Standing standing(String account, String address) {
        return standing(table.find(subjects(account, address)));
    }

    /** The subject an address's failures are counted under, for a caller that reads its row itself. */
    public static String addressSubject(String address) {
        return "address:" + addressKey(address);
    }

    /** Where an attempt stands, from the rows of its subjects as read (those that exist). */
    public Standing standing(List<LoginThrottleTable.Row> rows) {
        Instant now = clock.instant();
        Duration longest = null;
        String which = null;
        boolean accountHasFailures = false;
        for (LoginThrottleTable.Row row : rows) {
            if (row.subject().startsWith("account:")) {
                accountHasFailures = true;
            }
            if (row.blockedUntil() != null && row.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, row.blockedUntil());
                if (longest == null || left.compareTo(longest) > 0) {
                    longest = left;
                    which = row.subject().substring(0, row.subject().indexOf(':'));
                }
            }
        }
        return new Standing(longest, which, accountHasFailures);
    }

    /** A failed login: counts it for the account (if any) and the address, blocks, logs and audits. */
    @Transactional
    public void failed(String account, String address, String how) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(window);
        String addressKey = addressKey(address);
        LoginThrottleTable.Row byAddress = count("address:" + addressKey, addressFailures, now, windowStart);
        LoginThrottleTable.Row byAccount = account == null ? null : count(accountKey(account), accountFailures, now, windowStart);
        String shown = account == null ? "(bearer token)" : "'" + printable(account) + "'";
        log.warn("failed login by {} for {} from {}: {} failures for the account, {} from the address in the last {}",
                how, shown, address, byAccount == null ? "-" : byAccount.failures(), byAddress.failures(), window);
        boolean opens = byAddress.failures() == 1 || (byAccount != null && byAccount.failures() == 1);
        boolean blocks = byAddress.failures() >= addressFailures || (byAccount != null && byAccount.failures() >= accountFailures);
        if (opens || blocks) {
            String detail = (byAccount == null ? "" : byAccount.failures() + " failures for the account, ")
                    + byAddress.failures() + " from " + addressKey + " since "
                    + (byAccount == null ? byAddress.firstFailureAt() : byAccount.firstFailureAt())
                    + (blocks ? "; blocked until " + blockedUntil(byAccount, byAddress) : "")
                    + "; further failures in this window are logged, not audited, until the next block";
            audit.record("anonymous:" + addressKey, blocks ? "login.blocked" : "login.failed",
                    account == null ? "address:" + addressKey : printable(account), detail);
        }
    }

    /** A successful login clears the account's failures (not the address's). */
    @Transactional
    public void succeeded(String account) {
        table.forget(accountKey(account));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    @SchedulerLock(name = "party.purge-login-throttle", lockAtMostFor = "PT1M")
    @Transactional
    public void purge() {
        Instant now = clock.instant();
        int purged = table.purge(now.minus(window), now);
        if (purged > 0) {
            log.info("forgot {} failed-login counts older than {}", purged, window);
        }
    }

    private LoginThrottleTable.Row count(String subject, int threshold, Instant now, Instant windowStart) {
        LoginThrottleTable.Row row = table.countFailure(subject, now, windowStart);
        if (row.failures() >= threshold) {
            Instant until = now.plus(blockFor(row.failures() - threshold));
            table.block(subject, until);
            row = new LoginThrottleTable.Row(row.subject(), row.failures(), row.firstFailureAt(), row.lastFailureAt(), until);
        }
        return row;
    }

    /** {@code first-block} doubled {@code beyond} times, at most {@code longest-block}. */
    Duration blockFor(int beyond) {
        Duration block = firstBlock;
        for (int i = 0; i < beyond && block.compareTo(longestBlock) < 0; i++) {
            block = block.multipliedBy(2);
        }
        return block.compareTo(longestBlock) > 0 ? longestBlock : block;
    }

    private static Instant blockedUntil(LoginThrottleTable.Row a, LoginThrottleTable.Row b) {
        Instant until = b.blockedUntil();
        if (a != null && a.blockedUntil() != null && (until == null || a.blockedUntil().isAfter(until))) {
            until = a.blockedUntil();
        }
        return until;
    }

    /** The subjects an attempt's failures are counted under: its address's, and its account's when one is named. */
    public static List<String> subjects(String account, String address) {
        List<String> subjects = new ArrayList<>(2);
        subjects.add(addressSubject(address));
        if (account != null) {
            subjects.add(accountKey(account));
        }
        return subjects;
    }

    /** No real user name is longer than 64 characters; a longer one is counted by its first 64. */
    static String accountKey(String account) {
        return "account:" + (account.length() > 64 ? account.substring(0, 64) : account);
    }

    /** An IPv4 address as it is; an IPv6 address by its /64 prefix, which one holder usually has whole. */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal: no name is looked up.
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(Arrays.copyOf(parsed.getAddress(), 8), 16);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** The user name as given, safe for one log line: control characters replaced, at most 64 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out + (text.codePointCount(0, text.length()) > 64 ? "…" : "");
    }
}
