package org.concord.party.security;

import java.util.Arrays;
import java.util.Map;

import org.concord.testing.Postgres;
import org.concord.testing.TestNode;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What throttling failed logins costs on the real PostgreSQL, next to what a login costs anyway
 * (one Argon2id check): the read every login makes, and the writes only a failure makes.
 * {@code ./mvnw -Pbench -DskipTests test -Dbench.main=org.concord.party.security.LoginThrottleLoad -Dbench=500}
 */
public final class LoginThrottleLoad {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        TestNode node = TestNode.start("PK", "Pakistan", TestNode.Store.POSTGRES, null, null,
                Map.of("concord.login-throttle.account-failures", 1_000_000, "concord.login-throttle.address-failures", 1_000_000));
        try {
            LoginThrottle throttle = node.bean(LoginThrottle.class);
            PasswordEncoder passwords = node.bean(PasswordEncoder.class);
            String hash = passwords.encode("a-password-of-twenty");
            for (int i = 0; i < 50; i++) {
                throttle.standing("warm-" + i, "10.0.0." + i);
                throttle.failed("warm-" + i, "10.1.0." + i, "password");
            }
            report("read on every login (standing)", n, i -> throttle.standing("user-" + i, "10.2." + (i / 250) + "." + (i % 250)));
            report("first failure (insert, audit row)", n, i -> throttle.failed("new-" + i, "10.3." + (i / 250) + "." + (i % 250), "password"));
            report("repeated failure (update, block)", n, i -> throttle.failed("same-user", "10.4.0.1", "password"));
            report("Argon2id password check, for scale", Math.min(n, 50), i -> passwords.matches("wrong-password-xyz", hash));
        } finally {
            node.close();
            Postgres.dropSchema(node.schema());
        }
    }

    static void report(String what, int n, java.util.function.IntConsumer call) {
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.accept(i);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%-40s n=%d  median %.2f ms  p90 %.2f ms%n", what, n, micros[n / 2] / 1000.0, micros[n * 9 / 10] / 1000.0);
    }
}
