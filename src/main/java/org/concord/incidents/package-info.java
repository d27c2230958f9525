/**
 * Cross-border incidents: one side reports what happened (time, place as GeoJSON, type, casualties,
 * claims); the other answers each claim — confirm, dispute with evidence, unknown; joint findings
 * close the incident once both sides have signed them off.
 *
 * <p>The API is the pure core, without Spring, I/O or a clock:
 * {@link org.concord.incidents.IncidentReport}, the messages
 * {@link org.concord.incidents.IncidentMessage}, the states
 * {@link org.concord.incidents.UnderReview}, {@link org.concord.incidents.FindingsProposed},
 * {@link org.concord.incidents.Settled}, refusals as {@link org.concord.incidents.IncidentRefusal}
 * values, and {@link org.concord.incidents.Incidents#fold} in the canonical delivery order.
 * The place is kept as the GeoJSON text it came in; where it lies with respect to the border (and
 * whether it concerns the pair at all) is asked through {@link org.concord.incidents.IncidentPlaces},
 * which the deconfliction module, holder of the boundaries, implements.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents",
        allowedDependencies = {"node", "party", "intel::stix", "exchange", "workflow"})
package org.concord.incidents;
