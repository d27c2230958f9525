/**
 * Deconfliction: a state that plans an operation near the border notifies its partner in
 * advance, and the node checks the notice against real geography and the rules the pair agreed,
 * refuses to send what would violate the partner's sovereignty, and flags conflicts with the
 * partner's own operations and protected sites.
 *
 * <p>The API is this package, pure Java with no Spring, I/O or hidden clock:
 * <ul>
 *   <li>values validated when made: {@link org.concord.deconfliction.OperationNotice} and its
 *       parts ({@link org.concord.deconfliction.OperationArea},
 *       {@link org.concord.deconfliction.TimeWindow},
 *       {@link org.concord.deconfliction.AirspaceReference}, ...), and
 *       {@link org.concord.deconfliction.ProtectedSite};</li>
 *   <li>the rules as named policy objects ({@link org.concord.deconfliction.NoticePolicy},
 *       {@link org.concord.deconfliction.NotificationZone}) gathered per partner pair in
 *       {@link org.concord.deconfliction.NoticeRules}, with defaults modelled on the 2005
 *       India-Pakistan agreement on pre-notification of ballistic missile tests;</li>
 *   <li>the in-memory {@link org.concord.deconfliction.ActivityMap} of notified operations and
 *       declared sites, indexed for conflict search;</li>
 *   <li>the use case {@link org.concord.deconfliction.EvaluatingNotices}, whose answer
 *       {@link org.concord.deconfliction.NoticeEvaluation} is either a refusal on sovereignty
 *       grounds (with offers to turn the notice into a request for action or a joint-operation
 *       proposal) or a notice that may be sent, with every rule it breaks and every conflict;</li>
 *   <li>{@link org.concord.deconfliction.PlacesOnTheBorder}: where a place lies with respect to a pair's
 *       border (side, distance, province) and whether it concerns the pair, for other modules
 *       (incidents);</li>
 *   <li>answering a conflict: {@link org.concord.deconfliction.ConflictId} (both nodes name a conflict
 *       alike), {@link org.concord.deconfliction.ConflictAnswer} (acknowledge, or object with a reason),
 *       the standing {@link org.concord.deconfliction.ConflictStanding} (awaiting or answered; transitions
 *       return the next standing or a refusal) and the named policy
 *       {@link org.concord.deconfliction.ConflictAnswerPolicy} that sets the deadline (#5's deadlines by
 *       hotline priority).</li>
 * </ul>
 *
 * <p>The geography it rests on is the named interface {@code geo}
 * ({@link org.concord.deconfliction.geo}). Persistence, REST, the STIX mapping and transport
 * wire onto these types in the internal package {@code deconfliction.internal}; see
 * {@code docs/deconfliction.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deconfliction",
        allowedDependencies = {"node", "party", "audit", "intel", "intel::stix", "exchange", "workflow", "hotline",
            "requests", "incidents"})
package org.concord.deconfliction;
