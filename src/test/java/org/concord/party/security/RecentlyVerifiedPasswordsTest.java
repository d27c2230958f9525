package org.concord.party.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.concord.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A client that sends HTTP Basic with every request pays Argon2 once per ten minutes, not per request;
 * a wrong password, a changed password or an old check always goes to Argon2 again.
 */
class RecentlyVerifiedPasswordsTest {

    final AtomicInteger checks = new AtomicInteger();
    final PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    final PasswordEncoder counted = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return argon2.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return argon2.matches(raw, encoded);
        }
    };
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T10:00:00Z"));
    final RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counted, clock);

    @Test
    void theRightPasswordIsCheckedByArgon2OnceThenRememberedForTenMinutes() {
        String hash = passwords.encode("correct horse battery staple");
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(checks).hasValue(1);

        clock.advance(RecentlyVerifiedPasswords.TTL.minusSeconds(1));
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(checks).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(passwords.matches("correct horse battery staple", hash)).as("ten minutes after the check").isTrue();
        assertThat(checks).as("checked again").hasValue(2);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndAlwaysRefusedEvenRightAfterTheRightOne() {
        String hash = passwords.encode("correct horse battery staple");
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        for (String guess : new String[] {"correct horse battery stapl", "correct horse battery staple ", "", "CORRECT HORSE BATTERY STAPLE"}) {
            assertThat(passwords.matches(guess, hash)).as(guess).isFalse();
        }
        assertThat(checks).as("every guess went to Argon2").hasValue(5);
        assertThat(passwords.matches("correct horse battery staple", hash)).as("the right one is still remembered").isTrue();
        assertThat(checks).hasValue(5);
    }

    @Test
    void aChangedPasswordIsANewHashSoTheOldPasswordIsCheckedAgainstItAndRefused() {
        String before = passwords.encode("first password 0123");
        assertThat(passwords.matches("first password 0123", before)).isTrue();
        String after = passwords.encode("second password 0123");
        assertThat(passwords.matches("first password 0123", after)).isFalse();
        assertThat(passwords.matches("second password 0123", after)).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void twoUsersWithTheSamePasswordHaveTheirOwnHashesAndEntries() {
        String alice = passwords.encode("shared password 0123");
        String bob = passwords.encode("shared password 0123");
        assertThat(alice).isNotEqualTo(bob);
        assertThat(passwords.matches("shared password 0123", alice)).isTrue();
        assertThat(passwords.matches("shared password 0123", bob)).isTrue();
        assertThat(checks).as("bob's hash was checked on its own").hasValue(2);
    }

    @Test
    void aClockSetBackDoesNotExtendAnEntry() {
        String hash = passwords.encode("correct horse battery staple");
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        clock.advance(Duration.ofMinutes(-1));
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(checks).hasValue(2);
    }
}
