package org.concord.intel;

/**
 * A module that takes partner messages of some STIX types over from the inbox: the workflow, the
 * deconfliction desk, conflict answers, agreements. The inbox hands over the messages of one delivery
 * together ({@link InboxHandOver}), in one transaction, calling {@link #take} for each message whose
 * type the module {@link #wants}, in the order they were stored. A message may be handed over more than
 * once (after a crash, or when the hand-over of its delivery failed part-way), so {@link #take} must be
 * idempotent; it reads the object with {@link IntelStore#announced}.
 */
public interface InboxTaker {

    /** Whether this module takes messages of this STIX type. */
    boolean wants(String type);

    /** Takes one message over; a runtime exception leaves it to be handed over again, alone. */
    void take(InboxReceived message);

    /**
     * Takes several messages of one delivery over, each as {@link #take} would, in the order given; a module may do it
     * in fewer statements than one {@link #take} each. A runtime exception rolls all of them back, and the hand-over
     * then gives them to {@link #take} one by one.
     */
    default void takeAll(java.util.List<InboxReceived> messages) {
        messages.forEach(this::take);
    }
}
