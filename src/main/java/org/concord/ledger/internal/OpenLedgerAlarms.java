package org.concord.ledger.internal;

import java.time.Clock;
import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.ledger.LedgerAlarms;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@link LedgerAlarms} from the witness table's {@code ledger_alarm} rows. */
@Component
class OpenLedgerAlarms implements LedgerAlarms {

    private static final Logger log = LoggerFactory.getLogger(OpenLedgerAlarms.class);
    private final WitnessTable table;
    private final AuditLog audit;
    private final Clock clock;

    OpenLedgerAlarms(WitnessTable table, AuditLog audit, Clock clock) {
        this.table = table;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Alarm> open(int limit) {
        return table.open(Math.max(1, Math.min(limit, 1000))).stream().map(OpenLedgerAlarms::alarm).toList();
    }

    @Override
    public Alarm promiseBroken(PartyCode partner, String detail, String promise) {
        WitnessTable.Alarm raised = table.raise(partner, AlarmKind.BROKEN_PROMISE, detail, table.accepted(partner).orElse(null), null,
                null, null, promise, clock.instant());
        audit.record("node", "ledger.alarm", partner.value(), AlarmKind.BROKEN_PROMISE + ": " + detail);
        log.warn("ledger alarm {} for {}: {}", AlarmKind.BROKEN_PROMISE, partner, detail);
        return alarm(raised);
    }

    private static Alarm alarm(WitnessTable.Alarm a) {
        return new Alarm(a.id(), a.partner(), a.kind().name(), a.kind() == AlarmKind.ROLLED_BACK, a.detail(), a.raisedAt());
    }
}
