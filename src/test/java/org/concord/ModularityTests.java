package org.concord;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The capabilities stay separate: each module uses only the others' APIs, with no cycles, and only
 * the modules its package-info allows ({@code allowedDependencies}), which follow the layers of
 * docs/DESIGN.md ("Layers").
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ConcordApplication.class);

    /** The layers, bottom up: a module may use only modules of lower layers. */
    static final Map<String, Integer> LAYER = Map.ofEntries(
            // the base: the platform, the audit trail, parties and keys, the ledger
            entry("node", 0), entry("audit", 1), entry("party", 2), entry("ledger", 3),
            // the STIX store; then the exchange of messages with partners, and the watchlists (screening), which
            // take groups and persons from the STIX store as a list of their own
            entry("intel", 4), entry("screening", 5), entry("exchange", 5),
            // the one case engine
            entry("workflow", 6),
            // the four workflow types, on the engine
            entry("requests", 7), entry("hotline", 7), entry("incidents", 7), entry("commitments", 7),
            // deconfliction, on them: a refused strike asks instead (requests), urgent answers are due by the
            // hotline's priorities, and it places incidents on the border (incidents.IncidentPlaces)
            entry("deconfliction", 8),
            // on top: the demo's data and the web console (beside it, neither uses the other), the command line
            entry("demo", 9), entry("console", 9), entry("cli", 10));

    /** The dependencies inside a layer: none. Add one only with the reason it cannot be moved down. */
    static final Set<String> SIDEWAYS = Set.of();

    static final Set<String> WORKFLOW_TYPES = Set.of("requests", "hotline", "incidents", "commitments");

    @Test
    void modulesOnlyUseEachOthersApisWithoutCycles() {
        modules.verify();
    }

    @Test
    void everyModuleDeclaresWhatItMayDependOn() throws Exception {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()).toList())
                .containsExactlyInAnyOrderElementsOf(LAYER.keySet());
        for (var module : modules) {
            ApplicationModule declared = Class.forName(module.getBasePackage().getName() + ".package-info")
                    .getAnnotation(ApplicationModule.class);
            assertThat(declared).as(module.getIdentifier().toString()).isNotNull();
            assertThat(declared.allowedDependencies()).as(module.getIdentifier().toString())
                    .doesNotContain(ApplicationModule.OPEN_TOKEN);
        }
    }

    @Test
    void eachModuleUsesOnlyTheLayersBelowItAndNoWorkflowTypeAnother() {
        List<String> upOrSideways = new ArrayList<>();
        Set<String> sideways = new TreeSet<>();
        for (var module : modules) {
            String from = module.getIdentifier().toString();
            module.getDirectDependencies(modules).uniqueModules().forEach(target -> {
                String to = target.getIdentifier().toString();
                String dependency = from + " -> " + to;
                if (WORKFLOW_TYPES.contains(from) && WORKFLOW_TYPES.contains(to)) {
                    upOrSideways.add(dependency + " (two workflow types)");
                } else if (LAYER.get(to) == LAYER.get(from).intValue()) {
                    sideways.add(dependency);
                } else if (LAYER.get(to) > LAYER.get(from)) {
                    upOrSideways.add(dependency);
                }
            });
        }
        assertThat(upOrSideways).isEmpty();
        assertThat(sideways).as("the known dependencies inside a layer; remove one from SIDEWAYS once it is gone")
                .containsExactlyInAnyOrderElementsOf(SIDEWAYS);
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
