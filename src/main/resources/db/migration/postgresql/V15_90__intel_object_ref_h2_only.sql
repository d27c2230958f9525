-- On PostgreSQL nothing reads intel_object_ref any more: rule 5's first step splits each row's own refs column in SQL
-- (intel.persistence.IntelTable.referencesPass, issue 13), which holds the same ids. Writing it cost every ingested
-- object about 1.7 more rows and index entries. H2, which has no function to split a string in a query, keeps it.
drop table intel_object_ref;
