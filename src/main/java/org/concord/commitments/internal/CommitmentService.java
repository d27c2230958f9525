package org.concord.commitments.internal;

import java.time.Clock;
import java.util.List;

import org.concord.audit.AuditLog;
import org.concord.commitments.Commitment;
import org.concord.commitments.CommitmentCase;
import org.concord.commitments.CommitmentMessage;
import org.concord.commitments.CommitmentRefusal;
import org.concord.commitments.CommitmentType;
import org.concord.commitments.Reminder;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.concord.workflow.CaseRecord;
import org.concord.workflow.StixId;
import org.concord.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commitments' use cases on the workflow engine: proposing a commitment ({@link #propose}),
 * agreeing to the partner's ({@link #agree}), attesting it fulfilled ({@link #attest}), withdrawing
 * it ({@link #withdraw}), raising reminders ({@link #raise}) and seeding a scenario's messages
 * ({@link #seed}). Commitment messages are marked TLP:AMBER.
 */
@Service
public class CommitmentService implements org.concord.commitments.SeedingCommitments {

    private static final Logger log = LoggerFactory.getLogger(CommitmentService.class);
    static final Tlp MARKING = Tlp.AMBER;
    private final Workflow workflow;
    private final CommitmentType type;
    private final CommitmentTable table;
    private final Clock clock;
    private final AuditLog audit;

    CommitmentService(Workflow workflow, CommitmentType type, CommitmentTable table, Clock clock, AuditLog audit) {
        this.workflow = workflow;
        this.type = type;
        this.table = table;
        this.clock = clock;
        this.audit = audit;
    }

    /** Records a commitment agreed with the partner (e.g. from a joint statement); it binds once the partner agrees. */
    @Transactional
    public CaseRecord<CommitmentMessage, CommitmentCase, CommitmentRefusal> propose(PartyCode counterpart, Commitment commitment,
            String actor) {
        CommitmentMessage.Propose message = CommitmentMessage.Propose.of(StixId.random(type.stixType()), workflow.self(), counterpart,
                workflow.now(), commitment);
        return workflow.open(type, message, counterpart, "counterpart", MARKING, actor);
    }

    /** This node agrees to the partner's proposal. */
    @Transactional
    public CaseRecord<CommitmentMessage, CommitmentCase, CommitmentRefusal> agree(String commitmentId, String actor) {
        return workflow.answer(type, commitmentId, CommitmentMessage.Agree::new, actor);
    }

    /** This node attests that the commitment is fulfilled. */
    @Transactional
    public CaseRecord<CommitmentMessage, CommitmentCase, CommitmentRefusal> attest(String commitmentId, String text,
            List<StixId> evidence, String actor) {
        return workflow.answer(type, commitmentId, env -> new CommitmentMessage.Attest(env, text, evidence), actor);
    }

    /** This node takes the commitment back; reminders and escalation stop on both sides. */
    @Transactional
    public CaseRecord<CommitmentMessage, CommitmentCase, CommitmentRefusal> withdraw(String commitmentId, String reason,
            String actor) {
        return workflow.answer(type, commitmentId, env -> new CommitmentMessage.Withdraw(env, reason), actor);
    }

    /** Raises the reminders not raised yet (logged, audited, listed); returns the new ones. */
    @Transactional
    public List<Reminder> raise(List<Reminder> reminders) {
        List<Reminder> raised = reminders.stream().filter(r -> table.raise(r, clock.instant())).toList();
        raised.forEach(r -> {
            log.info("commitment {} falls due in {} (at {})", r.commitmentId(), r.before(), r.at().plus(r.before()));
            audit.record("concord", "commitments.reminder", r.commitmentId().value(), "due in " + r.before());
        });
        return raised;
    }

    @Override
    @Transactional
    public int seed(List<CommitmentMessage> messages) {
        return workflow.seed(type, messages, MARKING);
    }
}
