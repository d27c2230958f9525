package org.concord.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.concord.intel.Collection;
import org.concord.party.Role;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TAXII filter with a control character (a NUL broke PostgreSQL's query with a 500) and a
 * {@code limit} above the maximum are refused with 400 as TAXII error messages naming the parameter
 * and the rule, whether a user or the partner asks; the REST API's lists refuse the same way.
 */
class TaxiiFiltersAndLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TAXII = "application/taxii+json;version=2.1";
    private static final String INTEL = "/taxii2/concord/collections/" + Collection.INTEL.id() + "/";
    private final TwoNodes nodes = TwoNodes.shared();

    private HttpResponse<String> asUser(String path) throws Exception {
        String[] basic = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        return Https.to(nodes.pk).get(path, basic[0], basic[1], "Accept", TAXII);
    }

    private HttpResponse<String> asPartner(String path) throws Exception {
        return Https.asPartner(nodes.ir, nodes.pk).get(path, "Accept", TAXII);
    }

    /** A TAXII 2.1 error message (section 3.6.1) with status 400 naming {@code field} and {@code rule}. */
    private static JsonNode taxiiError(HttpResponse<String> response, String field, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/taxii+json");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("http_status").asString()).isEqualTo("400");
        assertThat(error.path("details").path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(error.path("details").path("rule").asString()).as(response.body()).isEqualTo(rule);
        assertThat(error.path("description").asString()).startsWith(field + ":");
        return error;
    }

    @Test
    void a_nul_in_a_match_filter_is_refused_naming_the_parameter_from_a_user_and_from_the_partner() throws Exception {
        for (String filter : new String[] {"match[id]", "match[type]", "match[version]", "match[spec_version]"}) {
            String path = INTEL + "objects/?" + filter + "=indicator%00x";
            taxiiError(asUser(path), filter, "no-control-characters");
            taxiiError(asPartner(path), filter, "no-control-characters");
        }
        taxiiError(asPartner(INTEL + "manifest/?match[type]=%00"), "match[type]", "no-control-characters");
        taxiiError(asPartner(INTEL + "objects/indicator--%01/"), "objectId", "no-control-characters");
        taxiiError(asUser(INTEL + "objects/indicator--00000000-0000-4000-8000-000000000000/versions/?added_after=%00"),
                "added_after", "no-control-characters");
    }

    @Test
    void an_unknown_taxii_path_is_a_taxii_error_message_not_a_problem_document_or_html() throws Exception {
        HttpResponse<String> response = asPartner("/taxii2/concord/no-such-thing/");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/taxii+json");
        assertThat(JSON.readTree(response.body()).path("http_status").asString()).isEqualTo("404");
    }

    @Test
    void too_many_filter_values_are_refused() throws Exception {
        String many = "intrusion-set,".repeat(101);
        taxiiError(asPartner(INTEL + "objects/?match[type]=" + many), "match[type]", "max-items");
    }

    @Test
    void a_limit_above_the_maximum_is_refused_naming_limit_and_the_maximum() throws Exception {
        JsonNode error = taxiiError(asPartner(INTEL + "objects/?limit=1000000000"), "limit", "range");
        assertThat(error.path("description").asString()).contains("10000");
        taxiiError(asUser(INTEL + "manifest/?limit=10001"), "limit", "range");
        assertThat(asUser(INTEL + "objects/?limit=10000").statusCode()).isEqualTo(200);
    }

    @Test
    void the_rest_api_refuses_a_limit_above_its_maximum_and_a_nul_in_a_filter() throws Exception {
        String[] viewer = Https.basic(nodes.pk.username(Role.VIEWER), nodes.pk.password(Role.VIEWER));
        HttpResponse<String> tooMany = Https.to(nodes.pk).get("/api/intel/objects?limit=1000000000", viewer);
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(tooMany.body());
        assertThat(problem.path("field").asString()).isEqualTo("limit");
        assertThat(problem.path("detail").asString()).contains("10000");

        HttpResponse<String> nul = Https.to(nodes.pk).get("/api/intel/objects?type=indi%00cator", viewer);
        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(JSON.readTree(nul.body()).path("field").asString()).isEqualTo("type");
        assertThat(JSON.readTree(nul.body()).path("rule").asString()).isEqualTo("no-control-characters");

        HttpResponse<String> receipt = Https.asPartner(nodes.ir, nodes.pk).get("/ledger/receipts?object=indicator%00&modified=x");
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(400);
        assertThat(JSON.readTree(receipt.body()).path("field").asString()).isEqualTo("object");
        assertThat(JSON.readTree(receipt.body()).path("rule").asString()).isEqualTo("no-control-characters");

        String[] admin = Https.basic(nodes.pk.username(Role.ADMIN), nodes.pk.password(Role.ADMIN));
        for (String path : new String[] {"/api/audit?limit=1000000000", "/api/exchange/outbox?partner=IR&limit=1000000000",
            "/ledger/entries?limit=1000000000", "/ledger/alarms?limit=1000000000", "/ledger/cosignatures?limit=1000000000"}) {
            HttpResponse<String> response = Https.to(nodes.pk).get(path, admin);
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("field").asString()).as(path).isEqualTo("limit");
        }
    }
}
