/**
 * Geography for deconfliction: real boundaries and distances, free of Spring and I/O
 * outside the classpath.
 *
 * <p>{@link org.concord.deconfliction.geo.Boundaries} loads the Natural Earth 1:10m
 * countries shipped in {@code src/main/resources/geo/} once, answers which country and
 * province a {@link org.concord.deconfliction.geo.Position} lies in, and derives the
 * {@link org.concord.deconfliction.geo.Border} two countries share from their outlines.
 * A border measures geodesic distances on the WGS84 ellipsoid to points, lines and areas
 * ({@link org.concord.deconfliction.geo.BorderDistance}).
 * {@link org.concord.deconfliction.geo.GeoJson} turns untrusted RFC 7946 GeoJSON into JTS
 * geometry or refuses it with an {@link org.concord.deconfliction.geo.InvalidGeoJson} naming
 * the field and the rule broken.
 *
 * <p>Conventions: JTS coordinates are {@code x = longitude, y = latitude} in degrees
 * (WGS84), as in GeoJSON; distances are kilometres.
 */
@org.springframework.modulith.NamedInterface("geo")
package org.concord.deconfliction.geo;
