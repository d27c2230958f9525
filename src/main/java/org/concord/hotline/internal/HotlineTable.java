package org.concord.hotline.internal;

import java.sql.Timestamp;
import java.util.List;

import org.concord.hotline.TestAlarm;
import org.concord.party.PartyCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The hotline's own table, {@code hotline_alarm}; calls and their messages are the workflow engine's. */
@Repository
public class HotlineTable {

    private final JdbcClient jdbc;

    HotlineTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an alarm unless one is recorded for its slot; true if new. */
    boolean raise(TestAlarm alarm) {
        return jdbc.sql("insert into hotline_alarm (schedule, slot, reason, at_fault, raised_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(alarm.schedule(), Timestamp.from(alarm.slot()), alarm.reason().name(), alarm.atFault().value(),
                        Timestamp.from(alarm.raisedAt()))
                .update() == 1;
    }

    public List<TestAlarm> alarms() {
        return jdbc.sql("select schedule, slot, raised_at, reason, at_fault from hotline_alarm order by slot")
                .query((rs, n) -> new TestAlarm(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        TestAlarm.Reason.valueOf(rs.getString(4)), PartyCode.of(rs.getString(5))))
                .list();
    }
}
