package org.concord.deconfliction.internal;

import java.util.List;

import org.concord.deconfliction.PartnersRules;
import org.springframework.stereotype.Component;

/** {@link PartnersRules} from the rules each partner's latest notice named ({@code deconfliction_rules_seen}). */
@Component
class RulesSeenFromPartners implements PartnersRules {

    private final DeconflictionTables tables;

    RulesSeenFromPartners(DeconflictionTables tables) {
        this.tables = tables;
    }

    @Override
    public List<Differing> differing() {
        return tables.rulesDiffering();
    }
}
