/**
 * The pure core of the {@code intel} module: STIX 2.1 objects judged without Spring, I/O
 * (beyond loading the OASIS schemas from the classpath) or a clock.
 *
 * <ul>
 *   <li>{@link org.concord.intel.stix.StixValidator} — is this one object valid STIX 2.1?
 *       The OASIS JSON schema for its type plus the rules a schema cannot express; the
 *       answer is a list of {@link org.concord.intel.stix.Violation}s.</li>
 *   <li>{@link org.concord.intel.stix.VersioningPolicy} — given the stored current version
 *       and an incoming one, a {@link org.concord.intel.stix.VersionDecision}.</li>
 *   <li>{@link org.concord.intel.stix.Tlp} — the TLP 2.0 marking definitions, with the
 *       TLP 1.0 identifiers of the STIX 2.1 specification mapped onto them.</li>
 *   <li>{@link org.concord.intel.stix.SharingPolicy} — may this partner read this
 *       {@link org.concord.intel.stix.HeldObject}? A {@link org.concord.intel.stix.SharingDecision}
 *       with a reason.</li>
 *   <li>{@link org.concord.intel.stix.TrustBoundary} — may this partner add this version to
 *       this node's store at all? Nothing of this node's own, nothing by an identity the partner
 *       does not speak for, nothing over an id held from another source.</li>
 * </ul>
 *
 * The store, the TAXII server and the sync client build on these types; none of them is
 * allowed to decide validity, versioning, sharing or what a partner may add on its own.
 */
@org.springframework.modulith.NamedInterface("stix")
package org.concord.intel.stix;
