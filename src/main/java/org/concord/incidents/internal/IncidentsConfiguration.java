package org.concord.incidents.internal;

import org.concord.deconfliction.PlacesOnTheBorder;
import org.concord.incidents.IncidentCaseType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares incidents to the workflow engine, with deconfliction's geography to show where each place lies. */
@Configuration
class IncidentsConfiguration {

    @Bean
    IncidentCaseType incidentType(PlacesOnTheBorder places) {
        return IncidentCaseType.INSTANCE.withPlaces(places);
    }
}
