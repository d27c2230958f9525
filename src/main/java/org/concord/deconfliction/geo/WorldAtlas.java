package org.concord.deconfliction.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the shipped world-atlas TopoJSON ({@code geo/countries-10m.topo.json.gz}): quantised,
 * delta-encoded arcs shared between neighbours, stitched into polygons per country. Countries
 * without {@code properties.iso_a2} (territories with no ISO code) are skipped.
 */
final class WorldAtlas {

    static final String RESOURCE = "/geo/countries-10m.topo.json.gz";

    private WorldAtlas() {
    }

    static Map<CountryCode, Country> read(GeometryFactory factory) {
        try (InputStream in = WorldAtlas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            JsonNode root = JsonMapper.shared().readTree(new GZIPInputStream(in, 1 << 16));
            return decode(root, factory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Map<CountryCode, Country> decode(JsonNode root, GeometryFactory factory) {
        JsonNode transform = root.get("transform");
        double sx = transform.get("scale").get(0).doubleValue();
        double sy = transform.get("scale").get(1).doubleValue();
        double tx = transform.get("translate").get(0).doubleValue();
        double ty = transform.get("translate").get(1).doubleValue();
        JsonNode arcsNode = root.get("arcs");
        double[][] arcs = new double[arcsNode.size()][];
        for (int i = 0; i < arcs.length; i++) {
            JsonNode arc = arcsNode.get(i);
            double[] xy = new double[arc.size() * 2];
            long x = 0;
            long y = 0;
            for (int j = 0; j < arc.size(); j++) {
                JsonNode p = arc.get(j);
                x += p.get(0).longValue();
                y += p.get(1).longValue();
                xy[2 * j] = x * sx + tx;
                xy[2 * j + 1] = y * sy + ty;
            }
            arcs[i] = xy;
        }
        Map<CountryCode, Country> countries = new LinkedHashMap<>();
        JsonNode geometries = root.get("objects").get("countries").get("geometries");
        for (int i = 0; i < geometries.size(); i++) {
            JsonNode g = geometries.get(i);
            JsonNode props = g.get("properties");
            if (props == null || !props.has("iso_a2") || !g.has("arcs")) {
                continue;
            }
            CountryCode code = new CountryCode(props.get("iso_a2").asString());
            String name = props.get("name").asString();
            List<Polygon> polygons = new ArrayList<>();
            String type = g.get("type").asString();
            if (type.equals("Polygon")) {
                polygons.add(polygon(g.get("arcs"), arcs, factory));
            } else if (type.equals("MultiPolygon")) {
                JsonNode ps = g.get("arcs");
                for (int p = 0; p < ps.size(); p++) {
                    polygons.add(polygon(ps.get(p), arcs, factory));
                }
            } else {
                continue;
            }
            Geometry outline = polygons.size() == 1 ? polygons.get(0)
                    : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
            countries.put(code, new Country(code, name, outline));
        }
        return countries;
    }

    private static Polygon polygon(JsonNode rings, double[][] arcs, GeometryFactory factory) {
        LinearRing shell = ring(rings.get(0), arcs, factory);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 1; r < rings.size(); r++) {
            holes[r - 1] = ring(rings.get(r), arcs, factory);
        }
        return factory.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode arcIndexes, double[][] arcs, GeometryFactory factory) {
        List<Coordinate> coords = new ArrayList<>();
        for (int a = 0; a < arcIndexes.size(); a++) {
            int index = arcIndexes.get(a).intValue();
            double[] xy = arcs[index >= 0 ? index : ~index];
            int n = xy.length / 2;
            for (int k = 0; k < n; k++) {
                int j = index >= 0 ? k : n - 1 - k;
                if (k == 0 && !coords.isEmpty()) {
                    continue; // each arc starts where the previous one ended
                }
                coords.add(new Coordinate(xy[2 * j], xy[2 * j + 1]));
            }
        }
        if (!coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(new Coordinate(coords.get(0)));
        }
        while (coords.size() < 4) {
            coords.add(new Coordinate(coords.get(0)));
        }
        return factory.createLinearRing(coords.toArray(Coordinate[]::new));
    }
}
