package org.concord;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The capabilities stay separate: each module uses only the others' APIs, with no cycles. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ConcordApplication.class);

    @Test
    void modulesOnlyUseEachOthersApisWithoutCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
