/**
 * The node's own platform: its settings and data directory, the database it keeps everything
 * in (a PostgreSQL server of the node's own by default, an external PostgreSQL in production, an
 * H2 file where asked), the database lock that keeps scheduled work to one instance, and the shape
 * of every error a caller sees.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Node platform",
        allowedDependencies = {})
package org.concord.node;
