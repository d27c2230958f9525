/**
 * Intelligence: every STIX 2.1 object this node holds (its own, and what partners share with it),
 * every version of it, validated on every write, and the per-partner sharing policy that decides
 * object by object what a partner may read. The TAXII server in {@code exchange} serves only what
 * {@link org.concord.intel.IntelStore#find} lets a viewer see; nothing else in the node decides
 * visibility.
 *
 * <p>The Spring-free rules live in the named interface {@code intel.stix}: schema and semantic
 * validation ({@code StixValidator}), versioning ({@code VersioningPolicy}), TLP 2.0 ({@code Tlp})
 * and sharing ({@code SharingPolicy}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intelligence store",
        allowedDependencies = {"node", "party", "audit", "ledger"})
package org.concord.intel;
