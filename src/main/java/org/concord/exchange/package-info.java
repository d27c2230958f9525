/**
 * The exchange between nodes: a TAXII 2.1 server (discovery, API root, status, collections,
 * objects, versions, manifest) over this node's {@code intel} and {@code inbox} collections, and
 * a client that pulls each partner's {@code intel} collection incrementally and delivers this
 * node's messages to each partner's {@code inbox}, at least once, FLASH first and in order within
 * each case, in batches sized to the partner's {@code max_content_length}, setting aside as poison
 * a message that can never be delivered ({@link org.concord.exchange.Outbox}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Exchange (TAXII 2.1)",
        allowedDependencies = {"node", "party", "audit", "ledger", "intel", "intel::stix"})
package org.concord.exchange;
