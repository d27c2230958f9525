package org.concord.incidents.internal;

import org.concord.incidents.IncidentPlaces;
import org.concord.incidents.IncidentCaseType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares incidents to the workflow engine, with the geography deconfliction provides ({@link IncidentPlaces}) to show where each place lies. */
@Configuration
class IncidentsConfiguration {

    @Bean
    IncidentCaseType incidentType(IncidentPlaces places) {
        return IncidentCaseType.INSTANCE.withPlaces(places);
    }
}
