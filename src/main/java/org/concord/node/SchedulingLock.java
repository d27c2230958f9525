package org.concord.node;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work runs on one instance at a time even when several instances of a node share one
 * database: every {@code @Scheduled} method also carries {@code @SchedulerLock}, and the lock is a
 * row in the {@code shedlock} table, taken with the database's clock so that instances whose
 * clocks disagree still exclude each other. The {@code concord} command's one-off contexts set
 * {@code concord.scheduling.enabled=false} and run no scheduled work.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "concord.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingLock {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
