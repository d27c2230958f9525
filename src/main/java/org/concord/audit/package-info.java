/**
 * Who wrote what, when: every write a user, a partner or the {@code concord} command makes is
 * recorded here in the same transaction as the write itself, and administrators can read it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
        allowedDependencies = {"node"})
package org.concord.audit;
