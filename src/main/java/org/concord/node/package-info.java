/**
 * The node's own platform: its settings and data directory, the database it keeps everything
 * in (an embedded H2 file by default, PostgreSQL in production), the database lock that keeps
 * scheduled work to one instance, and the shape of every error a caller sees.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Node platform",
        allowedDependencies = {})
package org.concord.node;
