package org.concord.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

import org.junit.jupiter.api.Test;

/**
 * {@code concord.sharing} in concord.yml with more than one wrong entry: the error names the first as
 * written, in every process (the entries were once copied with {@code Map.copyOf}, whose order
 * changes with every JVM start).
 */
class SharingSettingsTellOfTheFirstWrongEntryTest {

    static Binder concordYml(String yaml) throws Exception {
        var sources = new YamlPropertySourceLoader().load("concord.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    @Test
    void of_several_wrong_partners_accepted_when_relayed_the_first_written_is_named() throws Exception {
        Binder binder = concordYml("""
                concord:
                  sharing:
                    accept-relayed:
                      IR: [PAKISTAN]
                      AF: [IRAN]
                      CN: [INDIA]
                      IN: [CHINA]
                """);
        assertThatThrownBy(() -> binder.bind("concord.sharing", SharingSettings.class)).rootCause()
                .hasMessageContaining("'PAKISTAN' is not an upper-case ISO 3166-1 alpha-2 country code");
    }

    @Test
    void of_several_wrong_partners_to_pass_on_to_the_first_written_is_named() throws Exception {
        SharingSettings settings = concordYml("""
                concord:
                  sharing:
                    re-share:
                      IR: [PAKISTAN]
                      AF: [IRAN]
                      CN: [INDIA]
                      IN: [CHINA]
                """).bind("concord.sharing", SharingSettings.class).get();
        assertThat(settings.reShare().keySet()).containsExactly("IR", "AF", "CN", "IN");
        assertThatThrownBy(settings::policy).hasMessageContaining("'PAKISTAN' is not an upper-case ISO 3166-1 alpha-2 country code");
    }
}
