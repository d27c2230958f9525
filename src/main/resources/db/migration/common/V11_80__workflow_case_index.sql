-- An index of each case's fold, for the lists that sort and filter cases (the desk, GET /api/cases):
-- where the case stands, who must act and by when. It is derived, never the truth: the fold of the
-- messages decides, and the engine (org.concord.workflow.Workflow) writes these columns from it in the
-- transaction that adds a message. indexed_messages is how many messages the columns fold (null: not
-- yet indexed); an update never goes back to fewer. workflow_index_policy holds the deadline policy
-- each type's due_at was computed under: a node started with other deadlines indexes again.
alter table workflow_case add column state_name varchar(60);
alter table workflow_case add column awaited varchar(2);
alter table workflow_case add column due_at timestamp;
alter table workflow_case add column closed boolean;
alter table workflow_case add column indexed_messages integer;

create index workflow_case_due on workflow_case (closed, due_at, case_id);
create index workflow_case_awaited on workflow_case (awaited, due_at, case_id);

create table workflow_index_policy (
    case_type   varchar(20)   primary key,
    fingerprint varchar(4000) not null
);
