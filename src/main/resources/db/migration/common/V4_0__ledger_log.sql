-- The ledger: this node's append-only Merkle log (RFC 9162), see docs/ledger.md.
-- Rows are only ever inserted; the application never updates or deletes them (ledger_head.size
-- apart, which only grows).

-- The committed size of the log. Appends lock this row, so several instances of one node append
-- one after the other.
create table ledger_head (
    id    smallint not null primary key,
    size  bigint   not null
);
insert into ledger_head (id, size) values (1, 0);

-- One row per leaf: the entry's fields (leaf encoding concord-ledger-entry/1) and its leaf hash
-- SHA-256(0x00 || entry), which is also the tree's node at level 0.
create table ledger_entry (
    idx             bigint       not null primary key,
    leaf_hash       bytea        not null,
    direction       varchar(8)   not null,
    partner         varchar(2)   not null,
    stix_id         varchar(255) not null,
    modified        varchar(40)  not null,
    content_sha256  bytea        not null,
    recorded_at     timestamp with time zone not null
);
create index ledger_entry_object on ledger_entry (stix_id);
create index ledger_entry_leaf on ledger_entry (leaf_hash);

-- The hash of every complete subtree above the leaves, by (level, index): the node at (level, idx)
-- covers leaves [idx * 2^level, (idx + 1) * 2^level). With these rows any root or proof of any
-- past size takes O(log size) reads.
create table ledger_node (
    level  smallint not null,
    idx    bigint   not null,
    hash   bytea    not null,
    primary key (level, idx)
);

-- Checkpoints this node signed (C2SP tlog-checkpoint signed notes), one per size.
create table ledger_checkpoint (
    size       bigint not null primary key,
    root       bytea  not null,
    note       text   not null,
    signed_at  timestamp with time zone not null
);

-- Cosignatures partners returned for this node's checkpoints (C2SP tlog-cosignature): the
-- cosigned note as received, kept as evidence that the partner saw this tree.
create table ledger_cosignature (
    size         bigint      not null,
    witness      varchar(2)  not null,
    cosigned_at  timestamp with time zone not null,
    note         text        not null,
    received_at  timestamp with time zone not null,
    primary key (size, witness)
);
