package org.concord.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The import of a watchlist takes the whole list as its body, and is held to {@code concord.screening.max-import-bytes}
 * (256 MiB by default) instead of the API's 1 MiB: the UN's consolidated list alone is 1.6 MB. Only that one path; the
 * import from the intel store under it, and every other body, keep the API's limit.
 */
class AWatchlistHasABodyLimitOfItsOwnTest {

    private final RequestBodyLimit.LimitFilter filter = new RequestBodyLimit.LimitFilter(1_048_576, 268_435_456);

    @Test
    void onlyTheImportOfAListTakesTheListsLimit() {
        assertThat(filter.limitFor("/api/screening/lists/un-sc")).isEqualTo(268_435_456);
        assertThat(filter.limitFor("/api/screening/lists/un-sc/intel")).isEqualTo(1_048_576);
        assertThat(filter.limitFor("/api/screening/lists/")).isEqualTo(268_435_456);
        assertThat(filter.limitFor("/api/screening/lists")).isEqualTo(1_048_576);
        assertThat(filter.limitFor("/api/screening/search")).isEqualTo(1_048_576);
        assertThat(filter.limitFor("/api/hotline/calls")).isEqualTo(1_048_576);
        assertThat(filter.limitFor("/console/screening/lists/un-sc")).as("the console's import").isEqualTo(268_435_456);
        assertThat(filter.limitFor("/console/screening/lists/un-sc/x")).isEqualTo(1_048_576);
        assertThat(filter.limitFor("/console/screening")).isEqualTo(1_048_576);
    }
}
