package org.concord.hotline;

import java.util.Collection;

import org.concord.workflow.Cases;
import org.concord.workflow.Folded;
import org.concord.workflow.StixId;

/** Derives a call from its messages: the engine's one fold ({@link Cases#fold}) with the hotline's rules. */
public final class HotlineCalls {

    private HotlineCalls() {
    }

    /** The call the messages make; they must all be of one call. */
    public static Folded<HotlineMessage, HotlineCall, HotlineRefusal> fold(Collection<? extends HotlineMessage> messages) {
        return Cases.fold(HotlineType.DEFAULT, messages);
    }

    /** The call {@code callId}; messages of other calls are refused as {@code UNKNOWN_CALL}. */
    public static Folded<HotlineMessage, HotlineCall, HotlineRefusal> fold(StixId callId, Collection<? extends HotlineMessage> messages) {
        return Cases.fold(HotlineType.DEFAULT, callId, messages);
    }
}
