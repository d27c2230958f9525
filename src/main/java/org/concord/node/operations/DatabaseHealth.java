package org.concord.node.operations;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.concord.node.BoundedReading;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code db}, in place of Spring Boot's (which waits as long as the connection pool does,
 * 30 s, and then as long as a stalled socket does: for ever). It borrows a connection and asks the
 * driver whether it is valid within 2 s, on a background thread; the health request waits at most
 * {@code concord.health.database-timeout} (default 3 s) and then says DOWN, naming why. While one
 * check hangs, the next ones wait on it rather than starting more.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    private final BoundedReading<Map<String, Object>> reading;

    DatabaseHealth(DataSource dataSource,
            @org.springframework.beans.factory.annotation.Value("${concord.health.database-timeout:PT3S}") Duration timeout) {
        this.reading = new BoundedReading<>("the database", () -> check(dataSource), Duration.ZERO, timeout);
    }

    private static Map<String, Object> check(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                throw new IllegalStateException("the connection did not answer within 2 s");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("database", connection.getMetaData().getDatabaseProductName());
            return details;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public Health health() {
        BoundedReading.Result<Map<String, Object>> result = reading.read();
        if (result.ok()) {
            return Health.up().withDetails(result.value()).build();
        }
        return Health.down().withDetail("error", result.failure()).build();
    }
}
