package org.concord.workflow;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every workflow type the modules declare (each a {@link CaseType} bean), found by name or by STIX type. */
@Component
public class WorkflowTypes {

    private final List<CaseType<?, ?, ?>> types;

    WorkflowTypes(List<CaseType<?, ?, ?>> types) {
        this.types = List.copyOf(types);
    }

    public List<CaseType<?, ?, ?>> all() {
        return types;
    }

    /** The type whose messages are STIX objects of {@code stixType}. */
    public Optional<CaseType<?, ?, ?>> byStixType(String stixType) {
        return types.stream().filter(t -> t.stixType().equals(stixType)).findFirst();
    }

    /** The type named {@code name} (request, call, incident, commitment). */
    public Optional<CaseType<?, ?, ?>> byName(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
