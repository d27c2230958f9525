/**
 * The demo, in one place: the worked scenario and the data {@code concord demo} seeds, so that no
 * production module carries demo data. Built from public facts, with deterministic ids so that
 * seeding twice changes nothing.
 *
 * <p>{@link org.concord.demo.January2024}: the Iran–Pakistan strikes of 16 and 18 January 2024,
 * the incident reports with their claims, the commitments of the de-escalation, and the requests
 * for action Concord would have carried instead of the strikes. Tests use it as well.
 *
 * <p>{@link org.concord.demo.DemoSeed}: what the demo seeds into each node, through the node's own
 * use cases: its intelligence on the case ({@code DemoIntel}, per node, under TLP levels from CLEAR
 * to RED) and its own incident and commitment messages of the scenario
 * ({@code incidents.SeedingIncidents}, {@code commitments.SeedingCommitments}).
 *
 * <p>On top of the layering, beside {@code cli}: it depends on the workflow modules and below, and
 * nothing but {@code cli} depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo: the January 2024 scenario and the data the demo seeds",
        allowedDependencies = {"party", "intel", "intel::stix", "workflow", "requests", "incidents", "commitments", "hotline", "deconfliction"})
package org.concord.demo;
