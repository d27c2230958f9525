package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are "the database could not be reached" (503 with Retry-After) rather than a
 * fault of the node (500). The cases are the exception chains seen in node logs of the fault
 * campaign (docs/security-issue9/faults.md); DatabaseCutHealthTest shows the 503 with a real
 * database stopped.
 */
class DatabaseUnavailableTest {

    @Test
    void a_rollback_that_fails_on_a_closed_connection_is_the_database_unavailable() {
        // What HikariCP throws once the pool has evicted a connection the database dropped
        var closed = new SQLException("Connection is closed");
        var rollback = new TransactionSystemException("JDBC rollback failed", closed);
        assertThat(DatabaseUnavailable.is(rollback)).isTrue();
        assertThat(DatabaseUnavailable.is(new RuntimeException("wrapped", rollback))).isTrue();
    }

    @Test
    void a_commit_that_fails_after_a_connection_error_is_the_database_unavailable() {
        var commit = new TransactionSystemException("Could not commit");
        commit.initApplicationException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(DatabaseUnavailable.is(commit)).isTrue();
    }

    @Test
    void a_fault_of_the_node_is_not() {
        assertThat(DatabaseUnavailable.is(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.is(new TransactionSystemException("no transaction in progress"))).isFalse();
    }
}
