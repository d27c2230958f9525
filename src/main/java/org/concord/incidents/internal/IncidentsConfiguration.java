package org.concord.incidents.internal;

import org.concord.incidents.IncidentCaseType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares incidents to the workflow engine. */
@Configuration
class IncidentsConfiguration {

    @Bean
    IncidentCaseType incidentType() {
        return IncidentCaseType.INSTANCE;
    }
}
