package org.concord.ledger.internal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds {@code concord.ledger.*} to {@link LedgerSettings}. Bound by hand rather than with
 * {@code @ConfigurationProperties}, whose record accessors the module documentation cannot describe.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    LedgerSettings ledgerSettings(Environment environment) {
        return Binder.get(environment).bind("concord.ledger", LedgerSettings.class)
                .orElseGet(() -> new LedgerSettings(null, null, null, null, null, null));
    }
}
