package org.concord.exchange.taxii;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.concord.intel.Collection;
import org.concord.intel.IntelQuery;
import org.concord.intel.StixTime;
import org.concord.node.InvalidInput;

/**
 * The TAXII 2.1 filters and pagination of {@code GET .../objects}, {@code .../manifest}, {@code
 * .../objects/{id}} and {@code .../versions}, from a user or the partner: {@code TaxiiServer.query}
 * turns the query string into an {@link IntelQuery} or refuses it with {@link TaxiiException} or
 * {@link InvalidInput} (both a TAXII 400). What it lets through must then be something the store
 * can ask the database for: no NUL in a value (PostgreSQL refuses it: a 500) and an {@code
 * added_after} that a SQL timestamp holds, with every version a sortable key, as {@code
 * IntelTable.find} turns them.
 */
class TaxiiFilterFuzzTest {

    private static final List<String> NAMES = List.of("added_after", "limit", "next", "match[id]", "match[type]",
            "match[version]", "match[spec_version]");
    private static final Method QUERY;

    static {
        try {
            QUERY = TaxiiServer.class.getDeclaredMethod("query", Collection.class, Map.class, List.class);
            QUERY.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void aQueryStringIsAQueryOrA400(FuzzedDataProvider data) throws Throwable {
        Collection collection = data.consumeBoolean() ? Collection.INTEL : Collection.INBOX;
        List<String> onlyIds = data.consumeBoolean() ? List.of() : List.of(data.consumeString(80));
        int count = data.consumeInt(0, 8);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = data.consumeInt(0, 15) < NAMES.size() ? NAMES.get(data.consumeInt(0, NAMES.size() - 1)) : data.consumeString(20);
            parameters.put(name, data.consumeString(200));
        }
        IntelQuery query;
        try {
            query = (IntelQuery) QUERY.invoke(null, collection, parameters, onlyIds);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof TaxiiException || e.getCause() instanceof InvalidInput) {
                return; // the documented 400
            }
            throw e.getCause();
        }
        if (query.addedAfter() != null) {
            Timestamp.from(query.addedAfter());
        }
        for (List<String> values : List.of(query.ids(), query.types(), query.versions(), query.specVersions())) {
            for (String value : values) {
                if (value.indexOf('\0') >= 0) {
                    throw new IllegalStateException("a NUL reaches the database in a filter value: " + parameters);
                }
            }
        }
        for (String version : query.versions()) {
            if (!List.of("first", "last", "all").contains(version)) {
                StixTime.sortable(StixTime.parse("match[version]", version));
            }
        }
        query.after(query.afterSeq() + 1);
    }
}
