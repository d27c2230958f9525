package org.concord.node.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.concord.party.Role;
import org.concord.testing.Eventually;
import org.concord.testing.Https;
import org.concord.testing.TwoNodes;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules in docs/prometheus/concord-alerts.yml are only as good as the metrics they name:
 * a rule on a metric no node exposes never fires. This parses the file, checks each rule's shape
 * and that every {@code concord_*} metric it names is in the /actuator/prometheus scrape of a real,
 * paired node.
 */
class PrometheusAlertRulesTest {

    static final Path RULES = Path.of("docs/prometheus/concord-alerts.yml");
    static final Pattern METRIC = Pattern.compile("\\bconcord_[a-z0-9_]+");

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleIsWellFormedAndEveryMetricItNamesIsExposedByARealNode() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertThat(groups).isNotEmpty();
        Set<String> named = new TreeSet<>();
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                assertThat(alert).as("rule in " + group.get("name")).isNotBlank();
                assertThat(alerts.add(alert)).as("alert names are unique: " + alert).isTrue();
                assertThat((String) rule.get("expr")).as(alert).isNotBlank();
                assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as(alert).isIn("warning", "critical");
                assertThat(((Map<String, Object>) rule.get("annotations")).get("summary")).as(alert).isNotNull();
                Matcher m = METRIC.matcher((String) rule.get("expr"));
                while (m.find()) {
                    named.add(m.group());
                }
            }
        }
        assertThat(named).contains("concord_ledger_alarms", "concord_witness_lag_seconds", "concord_escalations_total",
                "concord_hotline_test_alarms", "concord_outbox_depth", "concord_outbox_oldest_age_seconds",
                "concord_outbox_poisoned", "concord_outbox_deliveries_total", "concord_outbox_failures_total",
                "concord_partner_reachable", "concord_partner_clock_offset_seconds");

        TwoNodes nodes = TwoNodes.shared();
        // per-partner gauges appear once the node has read its partners (at most 5 s after a scrape asks)
        Eventually.value("IR exposes every metric the alert rules name (last reading: those it does not)",
                Duration.ofMinutes(1), Duration.ofSeconds(1), () -> {
                    Set<String> missing = new TreeSet<>(named);
                    Https.to(nodes.ir).get("/actuator/prometheus", Https.basic(nodes.ir.username(Role.ADMIN),
                            nodes.ir.password(Role.ADMIN))).body().lines().filter(line -> !line.startsWith("#"))
                            .map(line -> line.split("[{ ]", 2)[0]).forEach(missing::remove);
                    return missing;
                }, Set::isEmpty);
    }
}
