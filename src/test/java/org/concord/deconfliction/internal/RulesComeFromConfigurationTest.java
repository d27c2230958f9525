package org.concord.deconfliction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.concord.deconfliction.NoticePolicy;
import org.concord.deconfliction.NoticeRules;
import org.concord.deconfliction.RulesPerPair;
import org.concord.party.PartyCode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

/** {@code concord.deconfliction.rules.<partner>.*} changes exactly the rules it names, for exactly that pair. */
class RulesComeFromConfigurationTest {

    private static RulesPerPair bound(Map<String, String> properties) {
        DeconflictionSettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bind("concord.deconfliction", DeconflictionSettings.class).orElseGet(() -> new DeconflictionSettings(null, null, null, null));
        return settings.rulesFor(PartyCode.of("PK"));
    }

    @Test
    void nothing_configured_means_the_defaults_modelled_on_2005() {
        NoticeRules rules = bound(Map.of()).between(PartyCode.of("PK"), PartyCode.of("IR"));
        assertThat(rules).isEqualTo(NoticeRules.defaults(rules.pair()));
    }

    @Test
    void a_pair_configured_in_yaml_gets_its_own_zone_lead_time_and_distances_and_may_drop_a_rule() {
        RulesPerPair rules = bound(Map.of(
                "concord.deconfliction.rules.IR.notification-zone-km", "30",
                "concord.deconfliction.rules.IR.minimum-notice", "48h",
                "concord.deconfliction.rules.IR.launch-point-km", "60",
                "concord.deconfliction.rules.IR.trajectory-may-cross", "true"));
        NoticeRules withIran = rules.between(PartyCode.of("IR"), PartyCode.of("PK"));
        assertThat(withIran.zone().km()).isEqualTo(30);
        assertThat(withIran.zone().missileFlightsAlways()).isTrue();
        assertThat(withIran.policies()).contains(new NoticePolicy.MinimumNotice(Duration.ofHours(48)),
                new NoticePolicy.LaunchPointDistance(60), new NoticePolicy.MaximumWindow(Duration.ofDays(5)),
                new NoticePolicy.ImpactAreaDistance(70));
        assertThat(withIran.policies()).extracting(NoticePolicy::name).doesNotContain("trajectory-does-not-cross");
        NoticeRules withAfghanistan = rules.between(PartyCode.of("PK"), PartyCode.of("AF"));
        assertThat(withAfghanistan).isEqualTo(NoticeRules.defaults(withAfghanistan.pair()));
    }

    /** Of several pairs configured wrongly in concord.yml the first as written is named, in every process (not Map.copyOf's order). */
    @Test
    void of_several_wrong_pairs_in_concord_yml_the_first_written_is_named() throws Exception {
        var yaml = new YamlPropertySourceLoader().load("concord.yml", new ByteArrayResource("""
                concord:
                  deconfliction:
                    rules:
                      QQ: {notification-zone-km: 30}
                      XX: {notification-zone-km: 30}
                      ZZ: {notification-zone-km: 30}
                      QM: {notification-zone-km: 30}
                """.getBytes(StandardCharsets.UTF_8)));
        DeconflictionSettings settings = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("concord.deconfliction", DeconflictionSettings.class).get();
        assertThatThrownBy(() -> settings.rulesFor(PartyCode.of("PK"))).hasMessageContaining("'QQ' is not");
    }
}
