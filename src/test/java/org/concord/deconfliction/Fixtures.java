package org.concord.deconfliction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.concord.deconfliction.geo.Border;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.deconfliction.geo.Position;
import org.concord.party.PartyCode;

/**
 * Parties, real places and notices for the tests. Town centres are decimal degrees (latitude,
 * longitude) as public gazetteers give them; distances quoted are those the shipped Natural
 * Earth 1:10m border gives.
 */
final class Fixtures {

    static final PartyCode PK = PartyCode.of("PK");
    static final PartyCode IR = PartyCode.of("IR");

    /** Panjgur, Balochistan, Pakistan: about 79 km from the border. */
    static final Position PANJGUR = new Position(26.9642, 64.0940);
    /** Saravan, Sistan and Baluchestan, Iran: about 42 km from the border. */
    static final Position SARAVAN = new Position(27.3709, 62.3342);
    /** Taftan, Pakistan: about 4.7 km from the border. */
    static final Position TAFTAN = new Position(28.967, 61.583);
    /** Mirjaveh, Iran: about 3 km from the border. */
    static final Position MIRJAVEH = new Position(29.015, 61.4496);
    /** The Taftan-Mirjaveh crossing: the border point nearest the midpoint of the two towns. */
    static final Position TAFTAN_MIRJAVEH_CROSSING = new Position(28.9921, 61.5190);

    /** "Now" for every test: the notices are reviewed at this moment. */
    static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Boundaries boundaries;

    private Fixtures() {
    }

    /** Loaded once per test JVM, with the provinces of Pakistan and Iran. */
    static synchronized Boundaries boundaries() {
        if (boundaries == null) {
            boundaries = Boundaries.load(List.of(CountryCode.of("PK"), CountryCode.of("IR")));
        }
        return boundaries;
    }

    static Border pakistanIranBorder() {
        return boundaries().border(CountryCode.of("PK"), CountryCode.of("IR"));
    }

    static GeoJson geoJson() {
        return GeoJson.reader(boundaries(), List.of(CountryCode.of("PK"), CountryCode.of("IR")));
    }

    /** A point {@code km} from the border on the side of {@code towards}, straight out from its nearest border point. */
    static Position kmFromTheBorderTowards(Position towards, double km) {
        Position b = pakistanIranBorder().distanceTo(towards).nearestBorder();
        return b.moved(b.azimuthTo(towards), km);
    }

    static EvaluatingNotices evaluating(ActivityMap activity) {
        return new EvaluatingNotices(boundaries(), RulesPerPair.defaults(), activity, CLOCK);
    }

    static EvaluatingNotices evaluating() {
        return evaluating(new ActivityMap());
    }

    /** A well-formed notice: a PK border patrol notified 4 days ahead for a day, areas set by the test. */
    static NoticeBuilder aNotice() {
        return new NoticeBuilder();
    }

    static final class NoticeBuilder {
        NoticeId id = NoticeId.random();
        PartyCode by = PK;
        PartyCode to = IR;
        OperationType type = OperationType.BORDER_PATROL;
        OperationArea area = OperationArea.aroundPoint(PANJGUR, 5);
        TimeWindow window = TimeWindow.of(NOW.plus(Duration.ofDays(4)), Duration.ofHours(24));
        List<AirspaceReference> references = List.of();
        Contact contact = new Contact("Duty officer, Frontier Corps Balochistan (South)", "Concord hotline, desk 2");
        Classification classification = Classification.AMBER_STRICT;

        NoticeBuilder id(String value) {
            id = NoticeId.of(value);
            return this;
        }

        NoticeBuilder by(PartyCode party) {
            by = party;
            to = party.equals(PK) ? IR : PK;
            return this;
        }

        /** The addressee, when not the other of PK and IR (a third state of a group). */
        NoticeBuilder to(PartyCode party) {
            to = party;
            return this;
        }

        NoticeBuilder type(OperationType value) {
            type = value;
            if (value.usesAirspace() && references.isEmpty()) {
                references = List.of(AirspaceReference.notam("A0123/26"), AirspaceReference.navarea("NAVAREA IX 45/26"));
            }
            return this;
        }

        NoticeBuilder around(Position centre, double radiusKm) {
            area = OperationArea.aroundPoint(centre, radiusKm);
            return this;
        }

        NoticeBuilder area(OperationArea value) {
            area = value;
            return this;
        }

        NoticeBuilder window(TimeWindow value) {
            window = value;
            return this;
        }

        NoticeBuilder startingIn(Duration lead, Duration length) {
            window = TimeWindow.of(NOW.plus(lead), length);
            return this;
        }

        NoticeBuilder references(List<AirspaceReference> value) {
            references = value;
            return this;
        }

        OperationNotice build() {
            return new OperationNotice(id, by, to, type, area, window, references, contact, classification);
        }
    }
}
