package org.concord.screening.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.concord.node.InvalidInput;
import org.concord.screening.Watchlists;
import org.concord.testing.OfflineNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The size policy on this node's own list, before anything is sent (H2, no partner needed). */
class PsiPolicyTest {

    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() throws Exception {
        node = OfflineNode.start(OfflineNode.Store.H2, Files.createTempDirectory("concord-psi-"), null,
                Map.of("concord.screening.psi.max-set-size", "10"));
        Watchlists lists = node.getBean(Watchlists.class);
        lists.importUnList("small", un("<ENTITY><DATAID>1</DATAID><FIRST_NAME>Jundallah</FIRST_NAME><REFERENCE_NUMBER>S-1</REFERENCE_NUMBER>"
                + "<ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>جندالله</ALIAS_NAME></ENTITY_ALIAS></ENTITY>"));
        StringBuilder big = new StringBuilder();
        String[] names = {"Jaish al-Adl", "Baloch Liberation Army", "Baloch Liberation Front", "Lashkar-e-Jhangvi", "Ansar al-Furqan"};
        for (int i = 0; i < names.length; i++) {
            big.append("<ENTITY><DATAID>").append(10 + i).append("</DATAID><FIRST_NAME>").append(names[i])
                    .append("</FIRST_NAME><REFERENCE_NUMBER>B-").append(i).append("</REFERENCE_NUMBER></ENTITY>");
        }
        lists.importUnList("big", un(big.toString()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aListWithMoreKeysThanThePolicyAllowsIsRefusedNamingFieldAndRule() {
        PsiSessions sessions = node.getBean(PsiSessions.class);
        // Jundallah and جندالله share their skeleton and sound keys: 4 distinct keys, one entry
        var small = sessions.keysOf("small", org.concord.party.PartyCode.of("IR"));
        assertThat(small.entriesByKey()).hasSize(4).containsKey("skeleton:jndl");
        assertThat(small.entriesByKey().get("skeleton:jndl")).containsExactly("S-1");
        assertThatThrownBy(() -> sessions.keysOf("big", org.concord.party.PartyCode.of("IR"))).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo("list");
            assertThat(e.rule()).isEqualTo("max-set-size");
            assertThat(e.getMessage()).contains("gives 15 keys").contains("concord.screening.psi.max-set-size").contains("10");
        });
        assertThatThrownBy(() -> sessions.keysOf("none", org.concord.party.PartyCode.of("IR"))).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.rule()).isEqualTo("unknown-list"));
    }

    private static ByteArrayInputStream un(String entities) {
        return new ByteArrayInputStream(("<CONSOLIDATED_LIST dateGenerated=\"2024-01-29\"><ENTITIES>" + entities
                + "</ENTITIES></CONSOLIDATED_LIST>").getBytes(StandardCharsets.UTF_8));
    }
}
