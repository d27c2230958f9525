package org.concord.ledger.internal;

import java.time.Clock;
import java.util.List;

import org.concord.ledger.LedgerAlarms;
import org.concord.party.PartyCode;
import org.springframework.stereotype.Component;

/** {@link LedgerAlarms} from the witness table's {@code ledger_alarm} rows. */
@Component
class OpenLedgerAlarms implements LedgerAlarms {

    private final WitnessTable table;
    private final AlarmRaising raising;
    private final Clock clock;

    OpenLedgerAlarms(WitnessTable table, AlarmRaising raising, Clock clock) {
        this.table = table;
        this.raising = raising;
        this.clock = clock;
    }

    @Override
    public List<Alarm> open(int limit) {
        return table.open(Math.max(1, Math.min(limit, 1000))).stream().map(OpenLedgerAlarms::alarm).toList();
    }

    @Override
    public Alarm promiseBroken(PartyCode partner, String detail, String promise) {
        return alarm(raising.raise(partner, AlarmKind.BROKEN_PROMISE, detail, () -> table.raise(partner, AlarmKind.BROKEN_PROMISE, detail,
                table.accepted(partner).orElse(null), null, null, null, promise, clock.instant())));
    }

    private static Alarm alarm(WitnessTable.Alarm a) {
        return new Alarm(a.id(), a.partner(), a.kind().name(), a.kind() == AlarmKind.ROLLED_BACK, a.detail(), a.raisedAt());
    }
}
