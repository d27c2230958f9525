package org.concord.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.concord.testing.OfflineNode;
import org.concord.testing.Postgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * While a list is replaced by newer versions, over and over, searches keep answering from the index
 * in use: an entry on every version is found by every search, an entry the new version adds is found
 * once the import returns, and no search fails.
 */
class SearchingWhileAListIsReplacedTest {

    private static byte[] version(int v, SyntheticNames names, List<SyntheticNames.Entry> entries) {
        StringBuilder csv = new StringBuilder("reference,name,aliases,type\n");
        for (int i = 0; i < entries.size(); i++) {
            SyntheticNames.Entry e = entries.get(i);
            if (i % 7 == v % 7 && i != 0) {
                continue; // delisted in this version
            }
            List<String> aliases = new ArrayList<>(e.names().subList(1, e.names().size()));
            if (i % 5 == v % 5) {
                aliases.add(names.variant(e.names().get(0))); // changed in this version
            }
            csv.append(e.reference()).append(',').append(SyntheticNames.csv(e.names().get(0))).append(',')
                    .append(SyntheticNames.csv(String.join(";", aliases))).append(',').append(e.person() ? "person" : "organisation").append('\n');
        }
        csv.append("NEW-").append(v).append(",Jaish al-Adl of version ").append(v).append(",,organisation\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(OfflineNode.Store.class)
    void searchesAnswerFromTheOldIndexUntilTheNewOneIsSwappedIn(OfflineNode.Store store) throws Exception {
        String schema = Postgres.newSchema("screening_swap");
        ConfigurableApplicationContext node = OfflineNode.start(store, schema);
        try {
            Watchlists watchlists = node.getBean(Watchlists.class);
            SyntheticNames names = new SyntheticNames(3);
            List<SyntheticNames.Entry> entries = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                entries.add(names.next(String.format("W-%05d", i)));
            }
            watchlists.importList("swap", Watchlists.Format.CSV, new ByteArrayInputStream(version(0, names, entries)));
            SyntheticNames.Entry kept = entries.get(0);
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            List<Watchlists.Imported> imports = new ArrayList<>();
            Thread importer = new Thread(() -> {
                try {
                    for (int v = 1; v <= 3; v++) {
                        imports.add(watchlists.importList("swap", Watchlists.Format.CSV, new ByteArrayInputStream(version(v, names, entries))));
                        assertThat(watchlists.search("Jaish al-Adl of version " + v, 5)).extracting(Watchlists.Match::reference)
                                .contains("NEW-" + v);
                    }
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    done.set(true);
                }
            });
            importer.start();
            int searches = 0;
            while (!done.get() || searches < 10) {
                assertThat(watchlists.search(kept.names().get(2), 5)).as("search %d", searches).extracting(Watchlists.Match::reference)
                        .contains(kept.reference());
                searches++;
            }
            importer.join();
            assertThat(failed.get()).isNull();
            assertThat(imports).hasSize(3).allSatisfy(imported -> assertThat(imported.changed() + imported.delisted()).isPositive());
            assertThat(searches).isGreaterThan(10);
        } finally {
            node.close();
            Postgres.dropSchema(schema);
        }
    }
}
