/**
 * Screening: watchlists of wanted people and proscribed groups (the UN Security Council
 * Consolidated List, for a start), kept in the database and in an in-memory name index, and name
 * matching across scripts and spellings, with a score, a band and an explanation for each match.
 *
 * <p>The Spring-free name matching lives in {@code screening.names}: {@code NameForms} (normalising,
 * folding, transliterating), {@code NameMatcher} (scores and explanations), {@code NameIndex}
 * (candidate retrieval).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Screening", allowedDependencies = {"node", "party", "ledger", "intel", "intel::stix"})
package org.concord.screening;
