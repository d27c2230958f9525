package org.concord.console;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;

import org.concord.intel.Bundles;
import org.concord.intel.ObjectOutcome;
import org.concord.intel.Origin;
import org.concord.intel.RefusedObjects;
import org.concord.node.InvalidInput;
import org.concord.node.NotFound;
import org.concord.party.Callers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;

/**
 * A STIX bundle uploaded from the intelligence page: {@code POST /console/intel/bundles} takes the
 * file as the request body (up to {@code concord.intel.max-import-bytes}, the API's limit) and
 * answers a job id at once; the import runs all or nothing through {@code Bundles.importObjects},
 * as {@code POST /api/intel/bundle} does, and {@code GET /console/intel/bundles/{job}/events}
 * streams its progress (objects validated, then stored) and its result as server-sent events.
 * A job is visible only to the user who started it, and forgotten an hour after it ends.
 */
@Controller
@io.swagger.v3.oas.annotations.Hidden
class IntelUploads {

    private static final Logger log = LoggerFactory.getLogger(IntelUploads.class);
    private static final Duration KEPT = Duration.ofHours(1);

    private final Bundles bundles;
    private final long maxBytes;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-intel-upload");
        thread.setDaemon(true);
        return thread;
    });

    IntelUploads(Bundles bundles, @Value("${concord.intel.max-import-bytes:268435456}") long maxBytes) {
        this.bundles = bundles;
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** One upload being imported: its counts, then its result; what the event stream sends. */
    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String owner;
        final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
        volatile int total;
        volatile int validated;
        volatile String phase = "validating";
        volatile Map<String, Object> result;
        volatile Instant ended;

        Job(String owner) {
            this.owner = owner;
        }

        synchronized Map<String, Object> state() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("job", id);
            state.put("phase", phase);
            state.put("total", total);
            state.put("validated", validated);
            if (result != null) {
                state.putAll(result);
            }
            return state;
        }
    }

    @PostMapping(value = "/console/intel/bundles")
    @PreAuthorize("hasRole('ANALYST')")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request, Authentication user) throws IOException {
        forget();
        if (request.getContentLengthLong() > maxBytes) {
            return tooLarge(request.getContentLengthLong());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            return tooLarge(body.length);
        }
        String actor = Callers.of(user).auditName();
        Job job = new Job(user.getName());
        jobs.put(job.id, job);
        workers.submit(() -> run(job, body, actor));
        return ResponseEntity.accepted().body(Map.of("job", job.id));
    }

    private ResponseEntity<Map<String, Object>> tooLarge(long size) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("field", "bundle", "rule", "max-import-bytes",
                "detail", "the bundle has " + size + " bytes; at most " + maxBytes + " are accepted (concord.intel.max-import-bytes)"));
    }

    private void run(Job job, byte[] body, String actor) {
        long started = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            List<JsonNode> objects = Bundles.objectsOf(body);
            job.total = objects.size();
            publish(job);
            boolean[] checked = {false};
            Bundles.Imported imported = bundles.importObjects(objects, new Origin.Local(actor), done -> {
                // every 5,000 objects checked, then once with the total when stored
                if (!checked[0]) {
                    job.validated = Math.min(done, job.total);
                    if (done >= job.total) {
                        job.phase = "storing";
                    }
                    publish(job);
                }
            });
            checked[0] = true;
            job.validated = job.total;
            result.put("outcome", "stored");
            imported.outcomes().forEach((kind, count) -> result.put(kind.name().toLowerCase(java.util.Locale.ROOT), count));
            result.put("stored", imported.outcomes().getOrDefault(ObjectOutcome.Kind.ADDED, 0)
                    + imported.outcomes().getOrDefault(ObjectOutcome.Kind.NEWER_VERSION, 0)
                    + imported.outcomes().getOrDefault(ObjectOutcome.Kind.OLDER_VERSION, 0));
        } catch (RefusedObjects e) {
            result.put("outcome", "refused");
            result.put("stored", 0);
            List<Map<String, String>> errors = new ArrayList<>();
            for (ObjectOutcome refused : e.refused().stream().limit(200).toList()) {
                for (IntelPagesController.FieldError error : IntelPagesController.fieldErrors(refused)) {
                    errors.add(Map.of("object", refused.id(), "field", error.field(), "rule", error.rule()));
                }
            }
            result.put("refusedCount", e.refused().size());
            result.put("errors", errors);
        } catch (InvalidInput e) {
            result.put("outcome", "refused");
            result.put("stored", 0);
            result.put("errors", List.of(Map.of("object", "(the file)", "field", e.field(), "rule", e.rule() + ": " + e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("console bundle upload {} failed", job.id, e);
            result.put("outcome", "failed");
            result.put("stored", 0);
            result.put("errors", List.of(Map.of("object", "(the file)", "field", "$", "rule", "the import failed; nothing was stored")));
        }
        log.info("console bundle upload {} by {}: {} of {} object(s), {} stored, in {} ms", job.id, actor, result.get("outcome"),
                job.total, result.get("stored"), (System.nanoTime() - started) / 1_000_000);
        synchronized (job) {
            job.phase = "done";
            job.result = result;
            job.ended = Instant.now();
        }
        publish(job);
        for (SseEmitter stream : job.streams) {
            stream.complete();
        }
    }

    @GetMapping(path = "/console/intel/bundles/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    @ResponseBody
    SseEmitter events(@PathVariable String jobId, Authentication user) throws IOException {
        Job job = jobs.get(jobId);
        if (job == null || !job.owner.equals(user.getName())) {
            throw NotFound.of("job", "no upload " + jobId + " of this user");
        }
        SseEmitter stream = new SseEmitter(Duration.ofMinutes(30).toMillis());
        stream.onCompletion(() -> job.streams.remove(stream));
        stream.onTimeout(() -> job.streams.remove(stream));
        stream.onError(e -> job.streams.remove(stream));
        synchronized (job) {
            stream.send(SseEmitter.event().name(job.result != null ? "done" : "progress").reconnectTime(2000)
                    .data(job.state(), MediaType.APPLICATION_JSON));
            if (job.result != null) {
                stream.complete();
            } else {
                job.streams.add(stream);
            }
        }
        return stream;
    }

    /** Ends every open progress stream when the node shuts down, so its graceful shutdown does not wait for them. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeStreams() {
        for (Job job : jobs.values()) {
            for (SseEmitter stream : job.streams) {
                stream.complete();
            }
            job.streams.clear();
        }
    }

    private void publish(Job job) {
        Map<String, Object> state;
        String name;
        synchronized (job) {
            state = job.state();
            name = job.result != null ? "done" : "progress";
        }
        for (SseEmitter stream : job.streams) {
            try {
                stream.send(SseEmitter.event().name(name).data(state, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                job.streams.remove(stream);
            }
        }
    }

    private void forget() {
        Instant before = Instant.now().minus(KEPT);
        jobs.values().removeIf(job -> job.ended != null && job.ended.isBefore(before));
    }
}
