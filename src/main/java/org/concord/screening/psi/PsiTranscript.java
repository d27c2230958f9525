package org.concord.screening.psi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * A hook on the bytes of the private set intersection exchanged with partners, as the receiving
 * controller reads and answers them. Nothing listens in production; tests listen to check that no
 * name and no unblinded point crosses the wire.
 */
@Component
public class PsiTranscript {

    /** One message received from a partner, and this node's answer, exactly as sent. */
    public record Message(String path, String requestBody, String responseBody) {
    }

    /** Receives each message. */
    public interface Listener {
        void heard(Message message);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; returns a handle that removes it. */
    public AutoCloseable listen(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void record(String path, String requestBody, String responseBody) {
        if (!listeners.isEmpty()) {
            Message message = new Message(path, requestBody, responseBody);
            listeners.forEach(l -> l.heard(message));
        }
    }
}
