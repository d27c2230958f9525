package org.concord.ledger.internal;

import java.util.List;

import org.concord.ledger.LedgerAlarms;
import org.springframework.stereotype.Component;

/** {@link LedgerAlarms} from the witness table's {@code ledger_alarm} rows. */
@Component
class OpenLedgerAlarms implements LedgerAlarms {

    private final WitnessTable table;

    OpenLedgerAlarms(WitnessTable table) {
        this.table = table;
    }

    @Override
    public List<Alarm> open(int limit) {
        return table.open(Math.max(1, Math.min(limit, 1000))).stream()
                .map(a -> new Alarm(a.id(), a.partner(), a.kind().name(), a.kind() == AlarmKind.ROLLED_BACK, a.detail(), a.raisedAt()))
                .toList();
    }
}
