package org.concord.hotline.web;

import java.util.List;

import org.concord.hotline.AnsweringCalls;
import org.concord.hotline.Official;
import org.concord.hotline.TestAlarm;
import org.concord.hotline.WeeklyTestCall;
import org.concord.hotline.internal.TestSchedules;
import org.concord.node.NotFound;
import org.concord.workflow.MessageStix;
import java.time.Clock;
import org.concord.hotline.HotlineType;
import org.concord.hotline.internal.HotlineTable;
import org.concord.node.InvalidInput;
import org.concord.node.Limits;
import org.concord.party.Callers;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The hotline over the REST API: every user role reads, {@code LIAISON} sends, acknowledges, replies and
 * sets the weekly test call; partners none.
 */
@RestController
@Tag(name = "Hotline", description = "Prioritised messages between named officials, with acknowledgement deadlines")
class HotlineController {

    private final AnsweringCalls answering;
    private final HotlineTable table;
    private final NodeIdentity identity;
    private final CaseViews views;
    private final HotlineType type;
    private final TestSchedules schedules;
    private final Clock clock;

    HotlineController(HotlineTable table, NodeIdentity identity, CaseViews views, HotlineType type,
            TestSchedules schedules, Clock clock, AnsweringCalls answering) {
        this.answering = answering;
        this.schedules = schedules;
        this.clock = clock;
        this.table = table;
        this.identity = identity;
        this.views = views;
        this.type = type;
    }

    /** An official: name and post (the party is this node's for the sender, the partner's for the addressee). */
    record Person(String name, String post) {
    }

    /** A new call; {@code inReplyTo} names the earlier call it answers, between the same two parties. */
    record NewCall(Person from, String addressee, Person to, String priority, String text, String inReplyTo) {
    }

    record Acknowledgement(Person by) {
    }

    /** Why this node takes its call back; may be empty. */
    record Withdrawal(String reason) {
    }

    @GetMapping("/api/hotline/calls")
    @Operation(summary = "Every hotline call this node holds, each with the calls that reply to it (replies)")
    List<CaseView> list() {
        List<CaseView> all = views.all(type);
        return all.stream().map(v -> withReplies(v, all)).toList();
    }

    @GetMapping("/api/hotline/calls/{callId}")
    @Operation(summary = "One hotline call, with the call it answers (inReplyTo) and the calls that answer it (replies)")
    CaseView one(@PathVariable String callId) {
        return withReplies(views.view(type, callId), views.all(type));
    }

    /** One call that answers another, as the thread shows it. */
    record Reply(String callId, String sender, Object from, String sentAt, String priority, String text, String state) {
    }

    /** The view with {@code replies}: the calls that name it as the call they answer, oldest first. */
    private static CaseView withReplies(CaseView view, List<CaseView> all) {
        List<Reply> replies = all.stream()
                .filter(v -> view.caseId().equals(v.details().get("inReplyTo")))
                .map(v -> new Reply(v.caseId(), v.history().isEmpty() ? null : v.history().get(0).sender(), v.details().get("from"),
                        v.history().isEmpty() ? null : v.history().get(0).sentAt(), (String) v.details().get("priority"),
                        (String) v.details().get("text"), v.state()))
                .sorted(java.util.Comparator.comparing((Reply r) -> r.sentAt() == null ? "" : r.sentAt()).thenComparing(Reply::callId))
                .toList();
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(view.details());
        details.put("replies", replies);
        return new CaseView(view.type(), view.caseId(), view.partner(), view.tlp(), view.state(), view.level(), view.nextActor(),
                view.otherActor(), view.dueAt(), view.deadline(), view.agreedTerms(), view.proposal(), view.timeline(), view.history(), view.refused(),
                view.waiting(), view.conflicting(), details);
    }

    @GetMapping("/api/hotline/alarms")
    @Operation(summary = "Alarms of scheduled tests: a test call not sent, or not answered in time")
    List<TestAlarm> alarms() {
        return table.alarms();
    }

    @PostMapping("/api/hotline/calls")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Send a hotline message to the partner's official (LIAISON)")
    CaseView send(@RequestBody NewCall body, Authentication caller) {
        // the body's checks are AnsweringCalls', shared with the console's form
        return withReplies(answering.send(new AnsweringCalls.NewCall(person(body.from()), body.addressee(), person(body.to()),
                body.priority(), body.text(), body.inReplyTo()), Callers.of(caller).auditName()), List.of());
    }

    /** Several new calls at once, for the automatic reporters of a crisis: at most 500, sent all or nothing. */
    record NewCalls(List<NewCall> calls) {
    }

    /** The calls sent, in the order of the request: each one's index there, its id and its state. */
    record SentCalls(List<AnsweringCalls.SentCall> calls) {
    }

    @PostMapping("/api/hotline/calls/batch")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Send several hotline messages in one request, all or nothing (LIAISON): a fault names the call by its index, "
            + "calls[3].priority, and nothing is stored or sent")
    SentCalls sendAll(@RequestBody(required = false) NewCalls body, Authentication caller) {
        List<AnsweringCalls.NewCall> calls = body == null || body.calls() == null ? null : body.calls().stream()
                .map(c -> c == null ? null : new AnsweringCalls.NewCall(person(c.from()), c.addressee(), person(c.to()), c.priority(),
                        c.text(), c.inReplyTo()))
                .toList();
        return new SentCalls(answering.sendAll(calls, Callers.of(caller).auditName()));
    }

    private static AnsweringCalls.Person person(Person p) {
        return p == null ? null : new AnsweringCalls.Person(p.name(), p.post());
    }

    @PostMapping("/api/hotline/calls/{callId}/acknowledge")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Acknowledge the partner's hotline message (LIAISON)")
    CaseView acknowledge(@PathVariable String callId, @RequestBody Acknowledgement body, Authentication caller) {
        CaseView view = answering.acknowledge(callId, body == null || body.by() == null ? null
                : new AnsweringCalls.Person(body.by().name(), body.by().post()), Callers.of(caller).auditName());
        return withReplies(view, views.all(type));
    }

    @PostMapping("/api/hotline/calls/{callId}/withdraw")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Take back this node's call before the partner acknowledged it (LIAISON); the withdrawal travels like any message")
    CaseView withdraw(@PathVariable String callId, @RequestBody(required = false) Withdrawal body, Authentication caller) {
        CaseView view = answering.withdraw(callId, body == null ? null : body.reason(), Callers.of(caller).auditName());
        return withReplies(view, views.all(type));
    }

    /** An official of either side, with the party it serves. */
    record SidePerson(String party, String name, String post) {
    }

    /**
     * The weekly test call to set: every {@code day} ({@code MONDAY} .. {@code SUNDAY}) at {@code time}
     * ({@code HH:mm}) in {@code zone} (an IANA zone such as {@code Asia/Karachi}), {@code caller}'s side calls
     * {@code answerer}'s, who acknowledges within {@code tolerance} (ISO 8601, 1 min to 24 h; default PT30M).
     */
    record TestScheduleBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "TUESDAY", allowableValues = {"MONDAY", "TUESDAY",
                    "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) String day,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "11:00", description = "local time, HH:mm") String time,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Asia/Karachi", description = "an IANA time zone")
            String zone,
            @Schema(example = "PT30M", description = "ISO 8601, from PT1M to PT24H; PT30M when left out") String tolerance,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the official who calls") SidePerson caller,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the official of the other side who answers")
            SidePerson answerer) {
    }

    /**
     * The weekly test call in force.
     *
     * @param name the schedule's name, carried in each test call
     * @param thisNode what this node does: {@code caller} (sends the test call) or {@code answerer}
     * @param firstSlot the first slot it runs from
     * @param nextSlot the next slot to come
     * @param source {@code api} (set through this API) or {@code configuration} (concord.hotline.weekly-test)
     */
    record TestScheduleView(String name, String day, String time, String zone, java.time.Duration tolerance, SidePerson caller,
            SidePerson answerer, String thisNode, String firstSlot, String nextSlot, String source, String setBy, String setAt) {
    }

    @GetMapping("/api/hotline/tests/schedule")
    @Operation(summary = "The weekly test call this node runs with the partner: when, who calls whom, how long the answer may take")
    TestScheduleView schedule() {
        return schedules.inForce().map(this::view)
                .orElseThrow(() -> NotFound.of("schedule", "no weekly test call is set on this node; set one with PUT"));
    }

    @PutMapping("/api/hotline/tests/schedule")
    @PreAuthorize("hasRole('LIAISON')")
    @Operation(summary = "Set the weekly test call (LIAISON); in force from its next slot, without a restart. "
            + "The partner's node must set the same schedule: each node runs its own side")
    TestScheduleView setSchedule(@RequestBody TestScheduleBody body, Authentication caller) {
        if (body == null) {
            throw new InvalidInput("day", "required", "the day of the week is required, e.g. TUESDAY");
        }
        java.time.DayOfWeek day = body.day() == null ? null : InvalidInput.oneOf("day", body.day(), java.time.DayOfWeek.class);
        if (day == null) {
            throw new InvalidInput("day", "required", "the day of the week is required, e.g. TUESDAY");
        }
        if (body.time() == null || body.time().isBlank()) {
            throw new InvalidInput("time", "required", "the local time of the call is required, e.g. 11:00");
        }
        java.time.LocalTime time;
        try {
            time = java.time.LocalTime.parse(body.time(), java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput("time", "local-time", "'" + body.time() + "' is not a time of day as HH:mm, e.g. 11:00");
        }
        if (body.zone() == null || body.zone().isBlank()) {
            throw new InvalidInput("zone", "required", "the time zone is required, e.g. Asia/Karachi");
        }
        java.time.ZoneId zone;
        try {
            Limits.name("zone", body.zone());
            zone = java.time.ZoneId.of(body.zone());
        } catch (java.time.DateTimeException e) {
            throw new InvalidInput("zone", "time-zone", "'" + body.zone() + "' is not a time zone, e.g. Asia/Karachi or UTC");
        }
        java.time.Duration tolerance = WeeklyTestCall.DEFAULT_TOLERANCE;
        if (body.tolerance() != null) {
            try {
                Limits.name("tolerance", body.tolerance());
                tolerance = java.time.Duration.parse(body.tolerance());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInput("tolerance", "duration", "'" + body.tolerance() + "' is not an ISO 8601 duration, e.g. PT30M");
            }
            if (tolerance.compareTo(WeeklyTestCall.MIN_TOLERANCE) < 0 || tolerance.compareTo(WeeklyTestCall.MAX_TOLERANCE) > 0) {
                throw new InvalidInput("tolerance", "range", body.tolerance() + " is not from 1 min (PT1M) to 24 h (PT24H)");
            }
        }
        Official from = sideOfficial(body.caller(), "caller");
        Official to = sideOfficial(body.answerer(), "answerer");
        if (from.party().equals(to.party())) {
            throw new InvalidInput("answerer.party", "other-side", "the test call goes to the other side, not " + to.party());
        }
        schedules.set(new WeeklyTestCall(day, time, zone, tolerance, from, to), Callers.of(caller).auditName());
        return schedule();
    }

    @DeleteMapping("/api/hotline/tests/schedule")
    @PreAuthorize("hasRole('LIAISON')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop the weekly test call (LIAISON): no test call is sent and no alarm raised until one is set again")
    void removeSchedule(Authentication caller) {
        if (!schedules.remove(Callers.of(caller).auditName())) {
            throw NotFound.of("schedule", "no weekly test call is set on this node");
        }
    }

    private TestScheduleView view(TestSchedules.InForce s) {
        WeeklyTestCall c = s.call();
        java.time.Instant now = clock.instant();
        List<java.time.Instant> next = s.test().slotsBetween(now, now.plus(java.time.Duration.ofDays(8)));
        return new TestScheduleView(WeeklyTestCall.NAME, c.day().name(),
                c.time().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm")), c.zone().getId(), c.tolerance(),
                person(c.caller()), person(c.answerer()),
                c.caller().party().equals(identity.party().code()) ? "caller" : "answerer",
                MessageStix.time(s.test().firstSlot()), next.isEmpty() ? null : MessageStix.time(next.get(0)), s.source(), s.setBy(),
                s.setAt() == null ? null : MessageStix.time(s.setAt()));
    }

    private static SidePerson person(Official o) {
        return new SidePerson(o.party().value(), o.name(), o.post());
    }

    private static Official sideOfficial(SidePerson person, String field) {
        if (person == null || person.party() == null) {
            throw new InvalidInput(field + ".party", "required", "the party of the " + field + " is required, e.g. PK");
        }
        PartyCode party = PartyCode.required(person.party(), field + ".party");
        return official(party, new Person(person.name(), person.post()), field);
    }


    private static Official official(PartyCode party, Person person, String field) {
        return AnsweringCalls.official(party, person == null ? null : new AnsweringCalls.Person(person.name(), person.post()), field);
    }

}
