package org.concord.node;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

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
 *
 * <p>A lock is held for at most a minute ({@code lockAtMostFor = "PT1M"} on every job) and kept alive
 * while its job runs ({@link KeepAliveLockProvider}: extended every half of that). A lock whose holder
 * can no longer release it therefore stops the job for a minute at most: a node killed while a job ran,
 * or a job whose release was lost because the database restarted under it. With ten minutes, as before,
 * such a holder stopped the outbox's delivery for up to ten minutes after the node or the database was
 * back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "concord.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
class SchedulingLock {

    @Bean(destroyMethod = "close")
    KeptAliveLocks lockProvider(DataSource dataSource) {
        return new KeptAliveLocks(dataSource);
    }

    /**
     * The locks, and the thread that extends those of running jobs. Not a bean of its own: a
     * {@link ScheduledExecutorService} bean would become the scheduler of every {@code @Scheduled} job.
     */
    static final class KeptAliveLocks implements LockProvider, AutoCloseable {
        private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "scheduling-lock-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        private final LockProvider locks;

        KeptAliveLocks(DataSource dataSource) {
            this.locks = new KeepAliveLockProvider(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                    .withJdbcTemplate(new JdbcTemplate(dataSource))
                    .usingDbTime()
                    .build()), keepAlive);
        }

        @Override
        public java.util.Optional<net.javacrumbs.shedlock.core.SimpleLock> lock(net.javacrumbs.shedlock.core.LockConfiguration configuration) {
            return locks.lock(configuration);
        }

        @Override
        public void close() {
            keepAlive.shutdownNow();
        }
    }
}
