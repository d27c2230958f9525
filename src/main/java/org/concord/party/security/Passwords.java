package org.concord.party.security;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with Argon2id (Spring Security's 5.8 defaults: 16 MiB, 2 iterations, 16-byte
 * salt, 32-byte hash). Hashes carry their algorithm id, so a later, stronger setting can be
 * introduced while old hashes still verify; bcrypt is accepted for imported accounts. A password
 * checked against a stored hash is not checked again for ten minutes ({@link RecentlyVerifiedPasswords}).
 */
@Configuration(proxyBeanMethods = false)
class Passwords {

    static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    @Bean
    PasswordEncoder passwordEncoder(java.time.Clock clock) {
        return new RecentlyVerifiedPasswords(new DelegatingPasswordEncoder(ARGON2, Map.of(
                ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder())), clock);
    }
}
