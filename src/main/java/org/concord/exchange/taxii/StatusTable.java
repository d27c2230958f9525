package org.concord.exchange.taxii;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code exchange_status} table: TAXII status resources, readable only by their owner. */
@Repository
class StatusTable {

    private final JdbcClient jdbc;

    StatusTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String owner, Instant requested, String body) {
        jdbc.sql("insert into exchange_status (id, owner, request_timestamp, body) values (?, ?, ?, ?)")
                .params(id, owner, Timestamp.from(requested), body).update();
    }

    Optional<String> find(String id, String owner) {
        return jdbc.sql("select body from exchange_status where id = ? and owner = ?").params(id, owner).query(String.class).optional();
    }
}
