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
 * Reads one country's provinces from {@code geo/admin1/XX.json.gz}: each ring a flat list of
 * integer deltas {@code [dx0, dy0, dx1, dy1, ...]} in units of the file's {@code scale} degrees
 * (written by {@code tools/geo/prepare.py}).
 */
final class ProvinceFiles {

    private ProvinceFiles() {
    }

    static List<Province> read(CountryCode country, GeometryFactory factory) {
        String resource = "/geo/admin1/" + country.value() + ".json.gz";
        try (InputStream in = ProvinceFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            JsonNode root = JsonMapper.shared().readTree(new GZIPInputStream(in, 1 << 16));
            double scale = root.get("scale").doubleValue();
            JsonNode features = root.get("features");
            List<Province> provinces = new ArrayList<>(features.size());
            for (int i = 0; i < features.size(); i++) {
                JsonNode f = features.get(i);
                JsonNode props = f.get("properties");
                String code = props.has("iso_3166_2") ? props.get("iso_3166_2").asString() : "";
                if (code.startsWith("-99") || !code.startsWith(country.value() + "-")) {
                    code = "";
                }
                String name = props.has("name_en") ? props.get("name_en").asString()
                        : props.get("name").asString();
                Map<String, String> local = new LinkedHashMap<>();
                for (String lang : List.of("fa", "ur", "ar")) {
                    if (props.has("name_" + lang)) {
                        local.put(lang, props.get("name_" + lang).asString());
                    }
                }
                Geometry outline = geometry(f.get("geometry"), scale, factory);
                if (outline != null) {
                    provinces.add(new Province(country, code, name, local, outline));
                }
            }
            return List.copyOf(provinces);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Geometry geometry(JsonNode g, double scale, GeometryFactory factory) {
        List<Polygon> polygons = new ArrayList<>();
        if (g.get("type").asString().equals("Polygon")) {
            addPolygon(g.get("rings"), scale, factory, polygons);
        } else {
            JsonNode ps = g.get("polygons");
            for (int p = 0; p < ps.size(); p++) {
                addPolygon(ps.get(p), scale, factory, polygons);
            }
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? polygons.get(0) : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static void addPolygon(JsonNode rings, double scale, GeometryFactory factory, List<Polygon> out) {
        LinearRing shell = ring(rings.get(0), scale, factory);
        if (shell == null) {
            return;
        }
        List<LinearRing> holes = new ArrayList<>();
        for (int r = 1; r < rings.size(); r++) {
            LinearRing hole = ring(rings.get(r), scale, factory);
            if (hole != null) {
                holes.add(hole);
            }
        }
        out.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
    }

    private static LinearRing ring(JsonNode deltas, double scale, GeometryFactory factory) {
        int n = deltas.size() / 2;
        List<Coordinate> coords = new ArrayList<>(n + 1);
        long x = 0;
        long y = 0;
        for (int k = 0; k < n; k++) {
            x += deltas.get(2 * k).longValue();
            y += deltas.get(2 * k + 1).longValue();
            coords.add(new Coordinate(x * scale, y * scale));
        }
        if (coords.size() < 3) {
            return null; // collapsed by quantisation
        }
        if (!coords.get(0).equals2D(coords.get(coords.size() - 1))) {
            coords.add(new Coordinate(coords.get(0)));
        }
        if (coords.size() < 4) {
            return null;
        }
        return factory.createLinearRing(coords.toArray(Coordinate[]::new));
    }
}
