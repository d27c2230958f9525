-- ShedLock's table: one row per scheduled task; the row is the lock that keeps a task to one
-- instance when several instances of a node share this database.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
