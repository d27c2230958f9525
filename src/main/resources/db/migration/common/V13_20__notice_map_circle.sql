-- The console's map draws a notice around a point as a circle (its centre and radius) rather than as
-- the 73-vertex geodesic polygon of its footprint: a tenth of the bytes for the same picture. The
-- footprint column stays the truth for every other use; these columns are null for polygons,
-- missile flights and notices stored before this version (the map then draws the footprint).
alter table deconfliction_notice add column circle_lon double precision;
alter table deconfliction_notice add column circle_lat double precision;
alter table deconfliction_notice add column circle_radius_km double precision;
