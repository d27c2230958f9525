/**
 * Worked scenarios that seed the demo and the tests: the messages two nodes would hold, built
 * from public facts, with deterministic ids so that seeding twice changes nothing.
 *
 * <p>{@link org.concord.scenario.January2024}: the Iran–Pakistan strikes of 16 and 18 January 2024,
 * the incident reports with their claims, the commitments of the de-escalation, and the requests
 * for action Concord would have carried instead of the strikes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scenarios (demo seeds)")
package org.concord.scenario;
