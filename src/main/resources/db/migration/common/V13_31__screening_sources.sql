-- Numbered 13.31, not the 12.30 first given: it alters screening_entry, which V13_0 creates, so it must run after it.
-- Screening: watchlists from CSV files and from the intel store's STIX objects. An entry keeps where it came
-- from beyond its list (a CSV row's source column; the partner that shared a STIX object) and the markings it
-- is held under (a STIX object's TLP), so that a search shows both beside each match.
alter table screening_entry add column origin varchar(200) default '' not null;
alter table screening_entry add column marking varchar(400) default '' not null;
