package org.concord.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.concord.node.AfterCommit;
import org.concord.workflow.CaseChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /console/events}: a server-sent event stream that tells each open page when a case
 * changed at this node (a message sent or received, {@link CaseChanged}), once the message is
 * committed. The page then fetches its own fragment again; the event carries only the case's
 * type, id, message type and direction, so a stream shows nothing a logged-in user could not read
 * on the desk. No polling: the event comes from the transaction that stored the message.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden
class ConsoleEvents {

    private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);
    /** A stream is closed after this long; the browser's EventSource opens a new one by itself. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() throws IOException {
        SseEmitter stream = new SseEmitter(STREAM_LIFETIME.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(e -> streams.remove(stream));
        streams.add(stream);
        // tells the page the stream is open (and the browser to wait 2 s before it reconnects)
        stream.send(SseEmitter.event().name("hello").reconnectTime(2000).data("{}", MediaType.APPLICATION_JSON));
        return stream;
    }

    @EventListener
    void on(CaseChanged changed) {
        AfterCommit.run(() -> announce(changed));
    }

    /** A private set intersection's step: the desk lists the sessions waiting for a person's acceptance. */
    @EventListener
    void on(org.concord.screening.psi.PsiSessionChanged changed) {
        AfterCommit.run(() -> announce(new CaseChanged("psi", changed.sessionId(), changed.step(), changed.direction())));
    }

    /**
     * Ends every open stream when the node shuts down, before the web server's graceful shutdown
     * begins: an open stream is a request in progress, and the server would otherwise wait its whole
     * grace period (30 s) for pages that never end theirs. The pages reconnect by themselves to the
     * node that comes back.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        for (SseEmitter stream : streams) {
            stream.complete();
        }
        streams.clear();
    }

    /** How many pages are listening, for tests and metrics. */
    int listening() {
        return streams.size();
    }

    private void announce(CaseChanged changed) {
        Map<String, String> data = Map.of("type", changed.type(), "caseId", changed.caseId(),
                "messageType", changed.messageType(), "direction", changed.direction());
        for (SseEmitter stream : streams) {
            try {
                stream.send(SseEmitter.event().name("case").data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                // the browser went away; the container completes the emitter and onError removes it
                streams.remove(stream);
                log.debug("a console event stream closed: {}", gone.toString());
            }
        }
    }
}
