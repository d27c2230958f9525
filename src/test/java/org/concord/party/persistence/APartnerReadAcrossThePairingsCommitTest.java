package org.concord.party.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.concord.node.NodeSettings;
import org.concord.party.PairingRecord;
import org.concord.party.Partner;
import org.concord.party.PartyCode;
import org.concord.party.keys.FileNodeIdentity;
import org.concord.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read of the partners that began before a pairing committed and ends after it must not leave its snapshot behind: the
 * demo paired IR and, right after, set its weekly test call, and was told once in a suite run that IR "is not a partner
 * this node is paired with" (a scheduled job had read the partners across the commit, and its snapshot, taken without IR,
 * was kept after the commit had dropped the one before it). {@code party.APartnerPairedIsKnownAtOnceTest} holds the read
 * that ends before the commit; this one holds the read that straddles it, by making the reader's connection wait, once
 * its rows are read, until the pairing has committed.
 */
class APartnerReadAcrossThePairingsCommitTest {

    static MigratedDatabase pk;
    static PairingRecord ir;

    @BeforeAll
    static void start() throws Exception {
        // PK's partner table, and the record IR's node exports to be paired with
        pk = MigratedDatabase.open(MigratedDatabase.Store.H2, "partners");
        var settings = new NodeSettings(new NodeSettings.PartySettings("IR", "Iran"), java.net.URI.create("https://ir.example:8442"),
                Files.createTempDirectory("concord-ir-"), null);
        ir = FileNodeIdentity.loadOrCreate(settings, Clock.systemUTC()).pairingRecord();
    }

    @AfterAll
    static void stop() {
        pk.close();
    }

    @Test
    void aSnapshotReadAcrossTheCommitDoesNotHideThePartnerAfterIt() throws Exception {
        CountDownLatch rowsRead = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        Thread[] reader = new Thread[1];
        DataSource node = pk.dataSource();
        // the reader's connection, once its rows are read, is handed back only after the pairing has committed
        DataSource slowReader = new DelegatingDataSource(node) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                if (Thread.currentThread() != reader[0]) {
                    return connection;
                }
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                rowsRead.countDown();
                                assertThat(committed.await(30, TimeUnit.SECONDS)).isTrue();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        PartnerTable partners = new PartnerTable(JdbcClient.create(slowReader), Clock.systemUTC());
        PartyCode iran = PartyCode.of("IR");
        assertThat(partners.byCode(iran)).isEmpty();

        CompletableFuture<Optional<Partner>> read = new CompletableFuture<>();
        new TransactionTemplate(new DataSourceTransactionManager(slowReader)).executeWithoutResult(status -> {
            partners.insert(ir, "test");
            Thread thread = new Thread(() -> read.complete(partners.byCode(iran)));
            reader[0] = thread;
            thread.start();
            try {
                assertThat(rowsRead.await(30, TimeUnit.SECONDS)).as("the reader has read the partners").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        committed.countDown();
        assertThat(read.get(30, TimeUnit.SECONDS)).as("read before the commit: not yet paired").isEmpty();

        assertThat(partners.byCode(iran)).as("paired and committed, so known, whatever the reader kept").isPresent();
    }
}
