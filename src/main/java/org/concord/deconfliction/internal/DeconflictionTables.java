package org.concord.deconfliction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.concord.deconfliction.Conflict;
import org.concord.deconfliction.NoticeId;
import org.concord.deconfliction.OperationNotice;
import org.concord.deconfliction.ProtectedSite;
import org.concord.deconfliction.UnplannedEvent;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/**
 * The module's own tables: {@code deconfliction_notice}, {@code deconfliction_site} and
 * {@code deconfliction_conflict} (Flyway {@code V7_0__deconfliction.sql}). Notices and sites are
 * kept whole as the STIX objects that carried them and read back through {@link StixMapping}, so
 * what is stored is exactly what was sent or received.
 */
@Repository
class DeconflictionTables {

    /** Whether this node sent the notice or received it. */
    enum Direction { SENT, RECEIVED }

    /**
     * The current version of a notice.
     *
     * @param revision    1 as first sent, one more with each revision (STIX {@code revision})
     * @param withdrawnAt when it was withdrawn (its STIX object revoked), or null while it stands
     */
    record StoredNotice(OperationNotice notice, Direction direction, String stixId, String version, String stixObject,
            String evaluation, boolean accepted, Instant recordedAt, int revision, Instant withdrawnAt) {

        StoredNotice(OperationNotice notice, Direction direction, String stixId, String version, String stixObject,
                String evaluation, boolean accepted, Instant recordedAt) {
            this(notice, direction, stixId, version, stixObject, evaluation, accepted, recordedAt, 1, null);
        }

        boolean withdrawn() {
            return withdrawnAt != null;
        }
    }

    /** What one version of a notice did: issued it, revised it, or withdrew it. */
    enum Change { ISSUED, REVISED, WITHDRAWN }

    /** One version of a notice, as sent or received, with the evaluation made of it then. */
    record NoticeVersion(String noticeId, String version, int revision, Change change, String reason, String evaluation,
            boolean accepted, Instant recordedAt) {
    }

    record StoredSite(String id, ProtectedSite site, String stixId, String stixObject, Instant recordedAt) {
    }

    record StoredConflict(String noticeId, String kind, String otherRef, PartyCode otherParty, String detail,
            Instant duringStart, Instant duringEnd, String overlap, Instant detectedAt, int noticeRevision) {
    }

    /** Stored data was checked when it came in; reading it back checks form only. */
    private static final GeoJson STORED = GeoJson.reader();

    private final JdbcClient jdbc;

    DeconflictionTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void saveNotice(StoredNotice n) {
        jdbc.sql("delete from deconfliction_notice where id = ?").param(n.notice().id().value()).update();
        OperationNotice notice = n.notice();
        jdbc.sql("""
                insert into deconfliction_notice (id, stix_id, version, notifying_party, partner, direction, operation_type,
                    window_start, window_end, footprint, stix_object, evaluation, accepted, recorded_at, revision, withdrawn_at,
                    circle_lon, circle_lat, circle_radius_km)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notice.id().value(), n.stixId(), n.version(), notice.notifyingParty().value(),
                        notice.partner().value(), n.direction().name(), notice.type().name(),
                        Timestamp.from(notice.window().start()), Timestamp.from(notice.window().end()),
                        notice.area().toGeoJson(), n.stixObject(), n.evaluation(), n.accepted(), Timestamp.from(n.recordedAt()),
                        n.revision(), n.withdrawnAt() == null ? null : Timestamp.from(n.withdrawnAt()),
                        notice.area() instanceof org.concord.deconfliction.OperationArea.AroundPoint c ? c.centre().lon() : null,
                        notice.area() instanceof org.concord.deconfliction.OperationArea.AroundPoint c ? c.centre().lat() : null,
                        notice.area() instanceof org.concord.deconfliction.OperationArea.AroundPoint c ? c.radiusKm() : null)
                .update();
        JsonNode object = NoticeJson.JSON.readTree(n.stixObject());
        Change change = n.withdrawn() ? Change.WITHDRAWN : n.revision() > 1 ? Change.REVISED : Change.ISSUED;
        String reason = object.path(n.withdrawn() ? StixMapping.WITHDRAWAL_REASON : StixMapping.REVISION_REASON).asString(null);
        jdbc.sql("delete from deconfliction_notice_version where notice_id = ? and version = ?")
                .params(notice.id().value(), n.version()).update();
        jdbc.sql("""
                insert into deconfliction_notice_version (notice_id, version, revision, change_kind, reason, stix_object,
                    evaluation, accepted, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notice.id().value(), n.version(), n.revision(), change.name(), reason, n.stixObject(), n.evaluation(),
                        n.accepted(), Timestamp.from(n.recordedAt()))
                .update();
    }

    /** Every version of notice {@code id}, oldest first. */
    List<NoticeVersion> history(String id) {
        return jdbc.sql("""
                select notice_id, version, revision, change_kind, reason, evaluation, accepted, recorded_at
                from deconfliction_notice_version where notice_id = ? order by version""").param(id)
                .query((rs, row) -> new NoticeVersion(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Change.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** Every answer given to a conflict of notice {@code id}, whichever revision it was flagged against. */
    List<StoredAnswer> answersOf(String noticeId) {
        return jdbc.sql("select conflict_id from deconfliction_conflict_answer where notice_id = ? order by answered_at, conflict_id")
                .param(noticeId).query(String.class).list().stream().map(this::answer).flatMap(Optional::stream).toList();
    }

    Optional<StoredNotice> notice(String id) {
        return jdbc.sql(SELECT_NOTICE + " where id = ?").param(id).query(DeconflictionTables::notice).optional();
    }

    /**
     * Whose a notice, an event or a site held here is (its notifying, reporting or declaring party), and whether this
     * node sent it (its own) or received it: what the inbox's gate needs, read without parsing the stored object.
     */
    record Holder(String id, String stixId, PartyCode party, Direction direction) {
    }

    /**
     * The notices held under notice id {@code id} or under STIX id {@code stixId} (none, one, or two when each names
     * another), read without parsing their objects: the inbox asks for each notice a partner delivers.
     */
    List<Holder> noticeHolders(String id, String stixId) {
        return holders("deconfliction_notice", "notifying_party", id, stixId);
    }

    /** The events held under event id {@code id} or under STIX id {@code stixId}, as {@link #noticeHolders} (index {@code V16_5}). */
    List<Holder> eventHolders(String id, String stixId) {
        return holders("deconfliction_event", "reported_by", id, stixId);
    }

    /** The rows of {@code table} (one with a direction) under {@code id} or {@code stixId}, with the party {@code partyColumn} names. */
    private List<Holder> holders(String table, String partyColumn, String id, String stixId) {
        return jdbc.sql("select id, stix_id, " + partyColumn + ", direction from " + table + " where id = ? or stix_id = ? order by id")
                .params(id, stixId)
                .query((rs, row) -> new Holder(rs.getString(1), rs.getString(2), PartyCode.of(rs.getString(3)),
                        Direction.valueOf(rs.getString(4))))
                .list();
    }

    /**
     * The sites held under site id {@code id} or under STIX id {@code stixId}, as {@link #noticeHolders} (index
     * {@code V16_5}). A site has no direction column: one declared by {@code own} is this node's ({@code SENT}, though
     * its marking may have kept it at home), any other was received.
     */
    List<Holder> siteHolders(String id, String stixId, PartyCode own) {
        return jdbc.sql("select id, stix_id, declared_by from deconfliction_site where id = ? or stix_id = ? order by id")
                .params(id, stixId)
                .query((rs, row) -> {
                    PartyCode declaredBy = PartyCode.of(rs.getString(3));
                    return new Holder(rs.getString(1), rs.getString(2), declaredBy,
                            declaredBy.equals(own) ? Direction.SENT : Direction.RECEIVED);
                })
                .list();
    }

    /** The party that declared site {@code id}, if this node holds it. */
    Optional<PartyCode> siteDeclaredBy(String id) {
        return jdbc.sql("select declared_by from deconfliction_site where id = ?").param(id).query(String.class).optional()
                .map(PartyCode::of);
    }

    List<StoredNotice> notices() {
        return jdbc.sql(SELECT_NOTICE + " order by recorded_at, id").query(DeconflictionTables::notice).list();
    }

    /** What the map's notice layer shows of one notice: its footprint as stored (GeoJSON) and how many conflicts it has. */
    record NoticeFeature(String id, String notifyingParty, String partner, String type, String direction, boolean accepted,
            Instant start, Instant end, String footprint, int conflicts, Double circleLon, Double circleLat, Double circleRadiusKm) {
    }

    /**
     * Every notice as the map draws it, in one query: the stored footprint is sent as it is (no notice
     * is read back and drawn again) and conflicts are counted in the same query, not one per notice.
     */
    List<NoticeFeature> noticeFeatures() {
        return jdbc.sql("""
                select n.id, n.notifying_party, n.partner, n.operation_type, n.direction, n.accepted, n.window_start, n.window_end,
                    n.footprint, coalesce(c.conflicts, 0), n.circle_lon, n.circle_lat, n.circle_radius_km
                from deconfliction_notice n
                left join (select notice_id, count(*) as conflicts from deconfliction_conflict group by notice_id) c
                    on c.notice_id = n.id
                order by n.recorded_at, n.id""")
                .query((rs, row) -> new NoticeFeature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        rs.getString(9), rs.getInt(10), rs.getObject(11, Double.class), rs.getObject(12, Double.class),
                        rs.getObject(13, Double.class)))
                .list();
    }

    List<StoredNotice> acceptedNoticesEndingAfter(Instant moment) {
        return jdbc.sql(SELECT_NOTICE + " where accepted = true and withdrawn_at is null and window_end > ? order by recorded_at, id")
                .param(Timestamp.from(moment)).query(DeconflictionTables::notice).list();
    }

    private static final String SELECT_NOTICE = """
            select stix_object, direction, stix_id, version, evaluation, accepted, recorded_at, revision, withdrawn_at, partner
            from deconfliction_notice""";

    private static StoredNotice notice(ResultSet rs, int row) throws SQLException {
        String object = rs.getString(1);
        OperationNotice notice = NoticeJson.STIX.read(NoticeJson.JSON.readTree(object), null, null, STORED);
        // a notice to several states (a tripoint) is held by each addressee as addressed to itself
        org.concord.party.PartyCode heldFor = org.concord.party.PartyCode.of(rs.getString(10));
        if (!heldFor.equals(notice.partner())) {
            notice = notice.addressedTo(heldFor);
        }
        Timestamp withdrawn = rs.getTimestamp(9);
        return new StoredNotice(notice, Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), object,
                rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getInt(8),
                withdrawn == null ? null : withdrawn.toInstant());
    }

    void saveSite(StoredSite s) {
        jdbc.sql("delete from deconfliction_site where id = ?").param(s.id()).update();
        jdbc.sql("""
                insert into deconfliction_site (id, stix_id, name, kind, declared_by, area, stix_object, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.stixId(), s.site().name(), s.site().kind().name(), s.site().declaredBy().value(),
                        s.site().toGeoJson(), s.stixObject(), Timestamp.from(s.recordedAt()))
                .update();
    }

    private static final String SITE_COLUMNS = "select id, name, kind, declared_by, area, stix_id, stix_object, recorded_at from deconfliction_site";

    List<StoredSite> sites() {
        return jdbc.sql(SITE_COLUMNS + " order by recorded_at, id").query(DeconflictionTables::site).list();
    }

    /** The site held under {@code id}, whoever declared it. */
    Optional<StoredSite> site(String id) {
        return jdbc.sql(SITE_COLUMNS + " where id = ?").param(id).query(DeconflictionTables::site).optional();
    }

    private static StoredSite site(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredSite(rs.getString(1), new ProtectedSite(rs.getString(2), ProtectedSite.Kind.valueOf(rs.getString(3)),
                PartyCode.of(rs.getString(4)), STORED.read("area", rs.getString(5)), markingOf(rs.getString(7))),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    // ---- the rules each partner last applied (V14_32) -----------------------------------------

    /**
     * Records the rules {@code partner} applied to a version of its notice, beside ours. Only inserts
     * (one row per version), so two notices received side by side never contend for a row.
     */
    void rulesSeen(String partner, String noticeId, String version, List<String> theirs, List<String> ours, Instant at) {
        jdbc.sql("insert into deconfliction_rules_seen (partner, notice_id, version, theirs, ours, differ, seen_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(partner, noticeId, version, String.join("\n", theirs), String.join("\n", ours), !theirs.equals(ours),
                        Timestamp.from(at))
                .update();
    }

    /** The partners whose latest notice's rules differ from ours, by code. */
    List<org.concord.deconfliction.PartnersRules.Differing> rulesDiffering() {
        List<org.concord.deconfliction.PartnersRules.Differing> differing = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        jdbc.sql("""
                select r.partner, r.notice_id, r.theirs, r.ours, r.differ, r.seen_at from deconfliction_rules_seen r
                where r.seen_at = (select max(s.seen_at) from deconfliction_rules_seen s where s.partner = r.partner)
                order by r.partner, r.notice_id desc""")
                .query((rs, n) -> {
                    if (seen.add(rs.getString(1)) && rs.getBoolean(5)) {
                        differing.add(org.concord.deconfliction.PartnersRules.Differing.between(PartyCode.of(rs.getString(1)),
                                rs.getString(2), List.of(rs.getString(3).split("\n")), List.of(rs.getString(4).split("\n")),
                                rs.getTimestamp(6).toInstant()));
                    }
                    return null;
                }).list();
        return differing;
    }

    /** A stored site's marking, as its STIX object carries it. */
    private static org.concord.intel.stix.Tlp markingOf(String stixObject) {
        return org.concord.intel.stix.Tlp.of(NoticeJson.JSON.readTree(stixObject)).orElse(ProtectedSite.DEFAULT_MARKING);
    }

    record StoredEvent(UnplannedEvent event, Direction direction, String stixId, String version, boolean crossesBorder,
            double fromBorderKm, String stixObject, Instant recordedAt) {
    }

    void saveEvent(StoredEvent e) {
        UnplannedEvent event = e.event();
        jdbc.sql("delete from deconfliction_event where id = ?").param(event.id().value()).update();
        jdbc.sql("""
                insert into deconfliction_event (id, stix_id, version, reported_by, partner, direction, kind, observed_at, track,
                    crosses_border, from_border_km, stix_object, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.id().value(), e.stixId(), e.version(), event.reportedBy().value(), event.partner().value(),
                        e.direction().name(), event.kind().name(), Timestamp.from(event.observedAt()), event.trackGeoJson(),
                        e.crossesBorder(), e.fromBorderKm(), e.stixObject(), Timestamp.from(e.recordedAt()))
                .update();
    }

    /** Remembers where in the outbox the report of a sent event waits. */
    void eventQueued(String id, long outboxSeq) {
        jdbc.sql("update deconfliction_event set outbox_seq = ? where id = ?").params(outboxSeq, id).update();
    }

    /** The delivery bookkeeping of an event: outbox position (sent), acknowledgement (received). */
    record EventFollowUp(String id, Long outboxSeq, Instant acknowledgedAt, String acknowledgedBy) {
    }

    Optional<EventFollowUp> followUp(String id) {
        return jdbc.sql("select id, outbox_seq, acknowledged_at, acknowledged_by from deconfliction_event where id = ?")
                .param(id).query((rs, n) -> {
                    Timestamp at = rs.getTimestamp(3);
                    return new EventFollowUp(rs.getString(1), rs.getObject(2, Long.class), at == null ? null : at.toInstant(),
                            rs.getString(4));
                }).optional();
    }

    /** Records the acknowledgement of a received event; false if it was acknowledged already. */
    boolean acknowledgeEvent(String id, Instant at, String by) {
        return jdbc.sql("update deconfliction_event set acknowledged_at = ?, acknowledged_by = ? where id = ? and acknowledged_at is null")
                .params(Timestamp.from(at), by, id).update() == 1;
    }

    // ---- answers and alarms (V9_0) ----------------------------------------------------------

    record StoredAnswer(org.concord.deconfliction.ConflictAnswer answer, String noticeId, Direction direction, String stixId,
            String stixObject, Instant recordedAt) {
    }

    /** Stores an answer unless the conflict has one already; true if stored. */
    boolean saveAnswer(StoredAnswer a) {
        var answer = a.answer();
        if (answer(answer.conflict().value()).isPresent()) {
            return false;
        }
        jdbc.sql("""
                insert into deconfliction_conflict_answer (conflict_id, notice_id, answered_by, verdict, reason, answered_at,
                    direction, stix_id, stix_object, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(answer.conflict().value(), a.noticeId(), answer.answeredBy().value(), answer.verdict().name(),
                        answer.reason().orElse(null), Timestamp.from(answer.answeredAt()), a.direction().name(), a.stixId(),
                        a.stixObject(), Timestamp.from(a.recordedAt()))
                .update();
        return true;
    }

    Optional<StoredAnswer> answer(String conflictId) {
        return jdbc.sql("""
                select conflict_id, answered_by, verdict, reason, answered_at, notice_id, direction, stix_id, stix_object, recorded_at
                from deconfliction_conflict_answer where conflict_id = ?""").param(conflictId)
                .query((rs, n) -> new StoredAnswer(new org.concord.deconfliction.ConflictAnswer(
                        new org.concord.deconfliction.ConflictId(rs.getString(1)), PartyCode.of(rs.getString(2)),
                        org.concord.deconfliction.ConflictAnswer.Verdict.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getTimestamp(5).toInstant()),
                        rs.getString(6), Direction.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant()))
                .optional();
    }

    record Alarm(String subject, String subjectId, String reason, Instant dueAt, Instant raisedAt, String detail) {
    }

    /** Raises an alarm once; true if it is new. */
    boolean raise(Alarm alarm) {
        int exists = jdbc.sql("select count(*) from deconfliction_alarm where subject = ? and subject_id = ? and reason = ?")
                .params(alarm.subject(), alarm.subjectId(), alarm.reason()).query(Integer.class).single();
        if (exists > 0) {
            return false;
        }
        jdbc.sql("insert into deconfliction_alarm (subject, subject_id, reason, due_at, raised_at, detail) values (?, ?, ?, ?, ?, ?)")
                .params(alarm.subject(), alarm.subjectId(), alarm.reason(), Timestamp.from(alarm.dueAt()),
                        Timestamp.from(alarm.raisedAt()), alarm.detail())
                .update();
        return true;
    }

    List<Alarm> alarms() {
        return jdbc.sql("select subject, subject_id, reason, due_at, raised_at, detail from deconfliction_alarm order by raised_at, subject_id")
                .query((rs, n) -> new Alarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list();
    }

    List<Alarm> alarmsOf(String subject, String subjectId) {
        return alarms().stream().filter(a -> a.subject().equals(subject) && a.subjectId().equals(subjectId)).toList();
    }

    Optional<StoredEvent> event(String id) {
        return jdbc.sql(SELECT_EVENT + " where id = ?").param(id).query(DeconflictionTables::event).optional();
    }

    List<StoredEvent> events() {
        return jdbc.sql(SELECT_EVENT + " order by observed_at, id").query(DeconflictionTables::event).list();
    }

    private static final String SELECT_EVENT = """
            select stix_object, direction, stix_id, version, crosses_border, from_border_km, recorded_at from deconfliction_event""";

    private static StoredEvent event(ResultSet rs, int row) throws SQLException {
        String object = rs.getString(1);
        UnplannedEvent event = NoticeJson.STIX.readEvent(NoticeJson.JSON.readTree(object), null, null, STORED);
        return new StoredEvent(event, Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getDouble(6), object, rs.getTimestamp(7).toInstant());
    }

    /** Replaces the conflicts flagged for {@code notice} by {@code conflicts}. */
    void replaceConflicts(NoticeId notice, List<Conflict> conflicts, Instant now) {
        jdbc.sql("delete from deconfliction_conflict where notice_id = ?").param(notice.value()).update();
        int revision = jdbc.sql("select revision from deconfliction_notice where id = ?").param(notice.value())
                .query(Integer.class).optional().orElse(1);
        for (Conflict c : conflicts) {
            if (c instanceof Conflict.WithPartnerOperation op) {
                insertConflict(notice, revision, "operation", op.notice().value(), op.party(), op.type().name(),
                        op.during().start(), op.during().end(), c.overlapGeoJson(), now);
            } else if (c instanceof Conflict.WithProtectedSite site) {
                insertConflict(notice, revision, "protected-site", site.site(), site.party(), site.kind().name(), null, null,
                        c.overlapGeoJson(), now);
            }
        }
    }

    private void insertConflict(NoticeId notice, int revision, String kind, String other, PartyCode party, String detail, Instant start,
            Instant end, String overlap, Instant now) {
        jdbc.sql("""
                insert into deconfliction_conflict (notice_id, kind, other_ref, other_party, detail, during_start, during_end,
                    overlap, detected_at, notice_revision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notice.value(), kind, other, party.value(), detail, start == null ? null : Timestamp.from(start),
                        end == null ? null : Timestamp.from(end), overlap, Timestamp.from(now), revision)
                .update();
    }

    List<StoredConflict> conflicts() {
        return jdbc.sql(SELECT_CONFLICT + " order by detected_at, notice_id, kind, other_ref").query(DeconflictionTables::conflict).list();
    }

    List<StoredConflict> conflictsOf(String noticeId) {
        return jdbc.sql(SELECT_CONFLICT + " where notice_id = ? order by kind, other_ref").param(noticeId)
                .query(DeconflictionTables::conflict).list();
    }

    private static final String SELECT_CONFLICT = """
            select notice_id, kind, other_ref, other_party, detail, during_start, during_end, overlap, detected_at, notice_revision
            from deconfliction_conflict""";

    private static StoredConflict conflict(ResultSet rs, int row) throws SQLException {
        Timestamp start = rs.getTimestamp(6);
        Timestamp end = rs.getTimestamp(7);
        return new StoredConflict(rs.getString(1), rs.getString(2), rs.getString(3), PartyCode.of(rs.getString(4)),
                rs.getString(5), start == null ? null : start.toInstant(), end == null ? null : end.toInstant(),
                rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getInt(10));
    }

    // ---- notices refused on sovereignty grounds (kept for "ask instead") ------------------------

    /**
     * A notice refused on sovereignty grounds, never sent; once a request for action was opened
     * from it ("ask instead"), the request's case id and the location made for it.
     */
    record RefusedNotice(OperationNotice notice, String stixObject, String evaluation, Instant refusedAt, String refusedBy,
            String requestCase, String locationId, Instant askedAt, String askedBy) {

        boolean asked() {
            return requestCase != null;
        }
    }

    /**
     * Keeps a refused notice, replacing an earlier refusal with the same id unless a request was
     * already opened from that one (then the first stands, and this refusal is only audited).
     */
    void saveRefusal(OperationNotice notice, String stixObject, String evaluation, Instant at, String by) {
        jdbc.sql("delete from deconfliction_refused_notice where id = ? and request_case is null").param(notice.id().value()).update();
        jdbc.sql("""
                insert into deconfliction_refused_notice (id, partner, stix_object, evaluation, refused_at, refused_by)
                select ?, ?, ?, ?, ?, ? where not exists (select 1 from deconfliction_refused_notice where id = ?)""")
                .params(notice.id().value(), notice.partner().value(), stixObject, evaluation, Timestamp.from(at), by,
                        notice.id().value())
                .update();
    }

    /** A notice with this id was sent after all: its earlier refusal no longer offers anything (unless already asked). */
    void forgetRefusal(String id) {
        jdbc.sql("delete from deconfliction_refused_notice where id = ? and request_case is null").param(id).update();
    }

    /** The refused notice {@code id}; with {@code lock}, its row is held until the transaction ends. */
    Optional<RefusedNotice> refusal(String id, boolean lock) {
        return jdbc.sql("""
                select stix_object, evaluation, refused_at, refused_by, request_case, location_id, asked_at, asked_by
                from deconfliction_refused_notice where id = ?""" + (lock ? " for update" : "")).param(id)
                .query((rs, row) -> {
                    String object = rs.getString(1);
                    Timestamp asked = rs.getTimestamp(7);
                    return new RefusedNotice(NoticeJson.STIX.read(NoticeJson.JSON.readTree(object), null, null, STORED), object,
                            rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                            asked == null ? null : asked.toInstant(), rs.getString(8));
                }).optional();
    }

    /** Records that a request for action was opened from refused notice {@code id}. */
    void markAsked(String id, String requestCase, String locationId, Instant at, String by) {
        jdbc.sql("""
                update deconfliction_refused_notice set request_case = ?, location_id = ?, asked_at = ?, asked_by = ?
                where id = ?""").params(requestCase, locationId, Timestamp.from(at), by, id).update();
    }
}
