/**
 * The deconfliction core wired into the node: the beans ({@code DeconflictionConfiguration}), the
 * module's tables ({@code DeconflictionTables}), the STIX mapping of notices and protected sites
 * ({@code StixMapping}), the use cases ({@code SendingNotices}, {@code DeclaringSites},
 * {@code ReceivingFromPartners}, {@code FlaggingConflicts}) and the REST/GeoJSON API
 * ({@code DeconflictionController}). Internal to the module; see {@code docs/deconfliction.md}.
 */
package org.concord.deconfliction.internal;
