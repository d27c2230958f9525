-- Issue 9, defect 5: failed logins, counted per account (the user name as given) and per
-- address, in the database so that several instances of one node share them. A row is written
-- only on a failed login and removed by a successful one (account) or when its window has passed.
create table party_login_throttle (
    subject          varchar(200) not null primary key,
    failures         integer      not null,
    first_failure_at timestamp with time zone not null,
    last_failure_at  timestamp with time zone not null,
    blocked_until    timestamp with time zone
);
create index party_login_throttle_last on party_login_throttle (last_failure_at);
