/**
 * The {@code concord} command: starting a node or the two-node demo, exporting this node's pairing
 * record, pairing with a partner and adding users from the shell. Each sub-command that touches a
 * node's data starts that node's application context without its web server, so the command and
 * the running node go through the same code and the same checks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line",
        allowedDependencies = {"node", "party", "ledger", "ledger::tree", "intel", "intel::stix",
            "screening", "demo"})
package org.concord.cli;
