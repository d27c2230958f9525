package org.concord.hotline.internal;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.concord.hotline.Official;
import org.concord.hotline.WeeklyTestCall;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The weekly test call as set through the API, {@code hotline_test_schedule}: one row, the schedule
 * or its removal ({@code active = false}), with when the first slot falls and who set it.
 */
@Repository
class TestScheduleTable {

    /** The stored row: a schedule in force (with its first slot), or a removal (call empty). */
    record Stored(Optional<WeeklyTestCall> call, Instant firstSlot, String setBy, Instant setAt) {
    }

    private final JdbcClient jdbc;

    TestScheduleTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void put(WeeklyTestCall call, Instant firstSlot, String setBy, Instant setAt) {
        jdbc.sql("delete from hotline_test_schedule where name = ?").param(WeeklyTestCall.NAME).update();
        jdbc.sql("""
                insert into hotline_test_schedule (name, active, slot_day, slot_time, slot_zone, tolerance, first_slot,
                    caller_party, caller_name, caller_post, answerer_party, answerer_name, answerer_post, set_by, set_at)
                values (?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(WeeklyTestCall.NAME, call.day().name(), call.time().toString(), call.zone().getId(),
                        call.tolerance().toString(), Timestamp.from(firstSlot), call.caller().party().value(), call.caller().name(),
                        call.caller().post(), call.answerer().party().value(), call.answerer().name(), call.answerer().post(), setBy,
                        Timestamp.from(setAt))
                .update();
    }

    void removed(String setBy, Instant setAt) {
        jdbc.sql("delete from hotline_test_schedule where name = ?").param(WeeklyTestCall.NAME).update();
        jdbc.sql("insert into hotline_test_schedule (name, active, set_by, set_at) values (?, false, ?, ?)")
                .params(WeeklyTestCall.NAME, setBy, Timestamp.from(setAt)).update();
    }

    Optional<Stored> get() {
        return jdbc.sql("""
                select active, slot_day, slot_time, slot_zone, tolerance, first_slot, caller_party, caller_name, caller_post,
                    answerer_party, answerer_name, answerer_post, set_by, set_at from hotline_test_schedule where name = ?""")
                .param(WeeklyTestCall.NAME)
                .query((rs, n) -> {
                    String by = rs.getString(13);
                    Instant at = rs.getTimestamp(14).toInstant();
                    if (!rs.getBoolean(1)) {
                        return new Stored(Optional.empty(), null, by, at);
                    }
                    WeeklyTestCall call = new WeeklyTestCall(DayOfWeek.valueOf(rs.getString(2)), LocalTime.parse(rs.getString(3)),
                            ZoneId.of(rs.getString(4)), Duration.parse(rs.getString(5)),
                            new Official(PartyCode.of(rs.getString(7)), rs.getString(8), rs.getString(9)),
                            new Official(PartyCode.of(rs.getString(10)), rs.getString(11), rs.getString(12)));
                    return new Stored(Optional.of(call), rs.getTimestamp(6).toInstant(), by, at);
                })
                .optional();
    }
}
