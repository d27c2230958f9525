package org.concord.deconfliction.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The world's countries and, for the parties that need them, their provinces: Natural Earth
 * 1:10m shipped on the classpath (see {@code src/main/resources/geo/README.md}), loaded once.
 *
 * <p>Point checks use an indexed point-in-area locator per outline and an STR-tree of the
 * outlines' envelopes; a point exactly on an outline counts as inside, so a point on a shared
 * border is in both countries. Provinces are loaded on first use of a country, or up front for
 * the parties given to {@link #load(Collection)}.
 *
 * <p>The border between two countries is derived from their outlines: the segments of the first
 * country's outline whose two ends and midpoint lie within {@value #BORDER_TOLERANCE_DEGREES}
 * degree (about 10 m) of the second's outline, merged into lines. Natural Earth neighbours share
 * their vertices at 1:10m, so the tolerance only absorbs rounding; coasts and borders with third
 * countries drop out.
 *
 * <p>Thread-safe; meant to be created once and shared.
 */
public final class Boundaries {

    static final double BORDER_TOLERANCE_DEGREES = 1e-4;
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final Map<CountryCode, Outline<Country>> countries;
    private final STRtree countryIndex = new STRtree();
    private final Map<CountryCode, List<Outline<Province>>> provinces = new ConcurrentHashMap<>();
    private final Map<String, Border> borders = new ConcurrentHashMap<>();

    /** An outline with its lazily prepared locator and predicate. */
    private static final class Outline<T> {
        final T value;
        final Geometry geometry;
        final IndexedPointInAreaLocator locator;
        private volatile PreparedGeometry prepared;

        Outline(T value, Geometry geometry) {
            this.value = value;
            this.geometry = geometry;
            this.locator = new IndexedPointInAreaLocator(geometry);
        }

        boolean covers(double lon, double lat) {
            return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
        }

        PreparedGeometry prepared() {
            PreparedGeometry p = prepared;
            if (p == null) {
                p = PreparedGeometryFactory.prepare(geometry);
                prepared = p;
            }
            return p;
        }
    }

    private Boundaries(Map<CountryCode, Country> loaded) {
        Map<CountryCode, Outline<Country>> map = new ConcurrentHashMap<>();
        for (Country c : loaded.values()) {
            Outline<Country> o = new Outline<>(c, c.outline());
            map.put(c.code(), o);
            countryIndex.insert(c.outline().getEnvelopeInternal(), o);
        }
        countryIndex.build();
        this.countries = Map.copyOf(map);
    }

    /**
     * The shipped atlas, decoded once per process, when first asked for (the JVM's class initialisation makes it once and
     * publishes it whole): it never changes while the process runs, and decoding it was a tenth of a node's start (several
     * nodes start in one process in the tests, and the command line builds a node's context more than once). Its
     * geometries are only read, never changed, by every {@code Boundaries} that shares them.
     */
    private static final class Atlas {
        static final Map<CountryCode, Country> COUNTRIES = read();

        private static Map<CountryCode, Country> read() {
            Map<CountryCode, Country> read = Map.copyOf(WorldAtlas.read(FACTORY));
            // computed (and cached in each geometry) before the map is shared, not lazily by two readers at once
            read.values().forEach(c -> c.outline().getEnvelopeInternal());
            return read;
        }
    }

    private static final Map<CountryCode, List<Province>> PROVINCE_FILES = new ConcurrentHashMap<>();

    /** Loads the countries of the world; provinces load on first use. */
    public static Boundaries load() {
        return new Boundaries(Atlas.COUNTRIES);
    }

    /**
     * Loads the countries of the world and the provinces of {@code parties}, and prepares their
     * indexes so that the first checks are as fast as the rest.
     *
     * @throws IllegalArgumentException if a party is not a known country
     */
    public static Boundaries load(Collection<CountryCode> parties) {
        Boundaries boundaries = load();
        for (CountryCode party : parties) {
            Outline<Country> o = boundaries.outline(party);
            o.covers(0, 0);
            o.prepared();
            boundaries.provinceOutlines(party).forEach(p -> p.covers(0, 0));
        }
        return boundaries;
    }

    /** The codes of every country known. */
    public Set<CountryCode> codes() {
        return countries.keySet();
    }

    /** The country with this code, if Natural Earth has it. */
    public Optional<Country> country(CountryCode code) {
        Outline<Country> o = countries.get(Objects.requireNonNull(code, "code"));
        return o == null ? Optional.empty() : Optional.of(o.value);
    }

    /** The country {@code position} lies in; empty at sea and in territories with no ISO code. */
    public Optional<Country> countryAt(Position position) {
        double lon = position.lon();
        double lat = position.lat();
        Country[] found = new Country[1];
        countryIndex.query(new Envelope(lon, lon, lat, lat), item -> {
            @SuppressWarnings("unchecked")
            Outline<Country> o = (Outline<Country>) item;
            if (found[0] == null && o.covers(lon, lat)) {
                found[0] = o.value;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Whether {@code position} lies in country {@code code} (on its outline counts).
     *
     * @throws IllegalArgumentException if the country is unknown
     */
    public boolean isIn(CountryCode code, Position position) {
        return outline(code).covers(position.lon(), position.lat());
    }

    /** {@link #isIn(CountryCode, Position)} without allocating a position; degrees, not validated. */
    public boolean isIn(CountryCode code, double lat, double lon) {
        return outline(code).covers(lon, lat);
    }

    /**
     * Whether any part of {@code geometry} (longitude/latitude) lies in or on country {@code code}.
     *
     * @throws IllegalArgumentException if the country is unknown
     */
    public boolean reaches(CountryCode code, Geometry geometry) {
        return outline(code).prepared().intersects(geometry);
    }

    /**
     * Every country any part of {@code geometry} (longitude/latitude) lies in or on, by code, in
     * code order: the candidates whose outline's envelope meets the geometry's, then the exact test.
     */
    public List<CountryCode> countriesReached(Geometry geometry) {
        List<CountryCode> found = new java.util.ArrayList<>();
        countryIndex.query(geometry.getEnvelopeInternal(), item -> {
            @SuppressWarnings("unchecked")
            Outline<Country> o = (Outline<Country>) item;
            if (o.prepared().intersects(geometry)) {
                found.add(o.value.code());
            }
        });
        found.sort(java.util.Comparator.naturalOrder());
        return found;
    }

    /** The provinces of a country, in Natural Earth's order; empty if it has none on file. */
    public List<Province> provinces(CountryCode code) {
        return provinceOutlines(code).stream().map(o -> o.value).toList();
    }

    /**
     * The provinces with an ISO 3166-2 code such as {@code PK-BA}: usually one, two for
     * Natural Earth's shared {@code IR-07} (Tehran and Alborz), none if unknown.
     */
    public List<Province> provincesWithCode(String isoCode) {
        Objects.requireNonNull(isoCode, "isoCode");
        if (isoCode.length() < 4 || isoCode.charAt(2) != '-') {
            throw new IllegalArgumentException("province code must be ISO 3166-2 (XX-YYY), got '" + isoCode + "'");
        }
        CountryCode country = CountryCode.of(isoCode.substring(0, 2));
        return provinces(country).stream().filter(p -> p.isoCode().equals(isoCode)).toList();
    }

    /** The province {@code position} lies in, looked up in the country it lies in. */
    public Optional<Province> provinceAt(Position position) {
        return countryAt(position).flatMap(country -> provinceOutlines(country.code()).stream()
                .filter(o -> o.covers(position.lon(), position.lat()))
                .map(o -> o.value)
                .findFirst());
    }

    /**
     * The land border {@code first} shares with {@code second}, derived once and cached.
     *
     * @throws IllegalArgumentException if either is unknown or they share no land border
     */
    public Border border(CountryCode first, CountryCode second) {
        if (first.equals(second)) {
            throw new IllegalArgumentException("a border needs two different countries, got " + first + " twice");
        }
        Geometry a = outline(first).geometry;
        Geometry b = outline(second).geometry;
        return borders.computeIfAbsent(first.value() + "-" + second.value(),
                key -> new Border(first, second, SharedBorderLine.between(a, b, BORDER_TOLERANCE_DEGREES)));
    }

    private Outline<Country> outline(CountryCode code) {
        Outline<Country> o = countries.get(Objects.requireNonNull(code, "code"));
        if (o == null) {
            throw new IllegalArgumentException("unknown country " + code + " (not in Natural Earth 1:10m)");
        }
        return o;
    }

    private List<Outline<Province>> provinceOutlines(CountryCode code) {
        return provinces.computeIfAbsent(code, c -> {
            List<Outline<Province>> list = new ArrayList<>();
            for (Province p : PROVINCE_FILES.computeIfAbsent(c, Boundaries::provincesRead)) {
                list.add(new Outline<>(p, p.outline()));
            }
            return List.copyOf(list);
        });
    }

    private static List<Province> provincesRead(CountryCode code) {
        List<Province> read = List.copyOf(ProvinceFiles.read(code, FACTORY));
        read.forEach(p -> p.outline().getEnvelopeInternal());
        return read;
    }
}
