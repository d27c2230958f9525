-- The partner's X-Concord-Sharing digest as last seen by the pull: when the partner's sharing settings
-- change what this node may read, the digest changes and the pull starts again from the beginning.
alter table exchange_cursor add column sharing_tag varchar(64);
