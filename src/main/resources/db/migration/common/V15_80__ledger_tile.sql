-- Tiles of the ledger's tree (issue 13), as C2SP tlog-tiles cuts it: the row (level, idx) holds,
-- concatenated, the 32 hashes of tree level 5 * level from node idx * 32 to node idx * 32 + 31
-- (leaf hashes at level 0). Each row is written once, in the append's transaction that completes
-- it; from it the nodes of the five tree levels above it within its stripe are hashed in memory,
-- so a proof reads about log2(size) / 5 rows instead of one per level (see docs/ledger.md).
create table ledger_tile (
    level   smallint not null,
    idx     bigint   not null,
    hashes  bytea    not null,
    primary key (level, idx)
);

-- Every tile that is complete at this size is stored; the tiles above it may be. A ledger that
-- was written before this migration starts at 0 and is filled by the group commit when idle.
alter table ledger_head add column tiled bigint not null default 0;
