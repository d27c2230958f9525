package org.concord.incidents;

import java.util.List;

/**
 * Seeds a worked scenario's incident messages into this node (the demo's January 2024), as the
 * node's own use case: its own messages are stored as sent and queued for the partner, once;
 * seeding twice changes nothing. The partner's messages are the partner node's to seed and send.
 */
public interface SeedingIncidents {

    /** Returns how many of this node's own messages were new. */
    int seed(List<IncidentMessage> messages);
}
