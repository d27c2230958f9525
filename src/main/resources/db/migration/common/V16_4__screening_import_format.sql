-- The format each import of a list came in (un, csv, intel): a list is replaced only by one of its own format,
-- so that a CSV file or the intel store posted under a UN list's name does not delist the whole UN list. Null for
-- imports made before, which are not checked.
alter table screening_import add column format varchar(10);
