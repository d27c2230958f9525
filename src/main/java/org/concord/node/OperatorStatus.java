package org.concord.node;

import org.springframework.boot.health.contributor.Status;

/**
 * The health statuses beyond Spring Boot's own. {@link #ALARM}: the node works, but something
 * people must look at has happened (a ledger alarm, a missed hotline test call, a partner
 * unreachable). It is ordered between {@code OUT_OF_SERVICE} and {@code UP}, answers HTTP 200 and
 * is never part of the readiness group, so an alarm does not take a node out of its load balancer
 * (all instances share one database, and would all go out at once).
 */
public final class OperatorStatus {

    public static final Status ALARM = new Status("ALARM", "something operators must look at has happened");

    private OperatorStatus() {
    }
}
