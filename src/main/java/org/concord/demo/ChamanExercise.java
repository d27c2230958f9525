package org.concord.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.concord.intel.stix.DerivedIds;
import org.concord.intel.stix.Tlp;
import org.concord.party.NodeIdentity;
import org.concord.party.PartyCode;
import org.concord.requests.RequestForAction;
import org.concord.requests.RequestMessage;
import org.concord.requests.RequestedAction;
import org.concord.requests.Urgency;
import org.concord.workflow.StixId;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Pakistan–Afghanistan border case the three-state demo ({@code concord demo --parties PK,IR,AF})
 * seeds beside the January 2024 one. <b>It is an exercise</b>: the places are real (Chaman in
 * Pakistan's Balochistan, Spin Boldak in Afghanistan's Kandahar, the crossing between them), the
 * patrol, the group and the request are invented, and every text and name says "Exercise".
 *
 * <ul>
 *   <li>PK notifies AF of a border patrol round Chaman (a circle of {@value #PATROL_RADIUS_KM} km about
 *       3.9 km from the border, so wholly on Pakistan's side), three days ahead;</li>
 *   <li>AF declares the Chaman–Spin Boldak crossing and its approach road a protected site; the
 *       site straddles the border, so the patrol's circle overlaps it and both sides flag the
 *       conflict, AF to answer it;</li>
 *   <li>PK asks AF to watch an (invented) armed group gathering near Spin Boldak, citing only
 *       objects AF may read (TLP:CLEAR).</li>
 * </ul>
 */
public final class ChamanExercise {

    public static final PartyCode PK = PartyCode.of("PK");
    public static final PartyCode AF = PartyCode.of("AF");

    /** PK's patrol notice to AF. */
    public static final String NOTICE_ID = "pk-exercise-chaman-patrol";
    /** Chaman, Balochistan: the patrol's centre, 3.9 km from the border with Afghanistan. */
    public static final double CHAMAN_LATITUDE = 30.9210;
    public static final double CHAMAN_LONGITUDE = 66.4597;
    static final double PATROL_RADIUS_KM = 2.5;
    /** AF's protected site. */
    public static final String SITE_NAME = "Exercise: Chaman–Spin Boldak crossing (Friendship Gate) and its approach road";
    /** PK's request to AF. */
    public static final StixId REQUEST = StixId.of(DerivedIds.id("x-concord-request-message",
            "concord:exercise-chaman:PK asks AF to watch the group near Spin Boldak"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChamanExercise() {
    }

    /** PK's notice of the patrol, as {@code POST /api/deconfliction/notices} takes it, for a window three days after {@code now}. */
    public static ObjectNode notice(Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(3));
        ObjectNode notice = JSON.createObjectNode();
        notice.put("id", NOTICE_ID);
        notice.put("partner", AF.value());
        notice.put("type", "BORDER_PATROL");
        ObjectNode area = notice.putObject("area");
        ObjectNode centre = area.putObject("centre");
        centre.put("type", "Point");
        centre.putArray("coordinates").add(CHAMAN_LONGITUDE).add(CHAMAN_LATITUDE);
        area.put("radiusKm", PATROL_RADIUS_KM);
        ObjectNode window = notice.putObject("window");
        window.put("start", start.toString());
        window.put("end", start.plus(Duration.ofHours(12)).toString());
        ObjectNode contact = notice.putObject("contact");
        contact.put("name", "Exercise: duty officer, Frontier Corps Balochistan (North)");
        contact.put("channel", "Concord hotline");
        notice.put("classification", "GREEN");
        return notice;
    }

    /**
     * AF's protected site, as {@code POST /api/deconfliction/sites} takes it: the crossing and about
     * 1.5 km of road either side of the border, marked TLP:CLEAR so every partner may hold it.
     */
    public static ObjectNode sites() {
        ObjectNode collection = JSON.createObjectNode();
        collection.put("type", "FeatureCollection");
        ObjectNode feature = collection.putArray("features").addObject();
        feature.put("type", "Feature");
        ObjectNode properties = feature.putObject("properties");
        properties.put("name", SITE_NAME);
        properties.put("kind", "CROSSING_POINT");
        properties.put("marking", "CLEAR");
        ObjectNode geometry = feature.putObject("geometry");
        geometry.put("type", "Polygon");
        ArrayNode ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{66.425, 30.940}, {66.450, 30.940}, {66.450, 30.968}, {66.425, 30.968}, {66.425, 30.940}};
        for (double[] corner : corners) {
            ring.addArray().add(corner[0]).add(corner[1]);
        }
        return collection;
    }

    /** The intel PK holds for the exercise: the invented group and the place it gathers, both TLP:CLEAR. */
    static List<JsonNode> intel(NodeIdentity pk) {
        List<JsonNode> objects = new ArrayList<>();
        ObjectNode group = sdo(pk, "intrusion-set", "group");
        group.put("name", "Exercise: armed group gathering near Spin Boldak");
        group.put("description", "Exercise: an invented group, for the Chaman exercise of the three-state demo; no real group is meant.");
        objects.add(group);
        ObjectNode place = sdo(pk, "location", "spin-boldak");
        place.put("name", "Spin Boldak (exercise)");
        place.put("latitude", 31.0056);
        place.put("longitude", 66.3947);
        place.put("country", "AF");
        place.put("administrative_area", "Kandahar");
        objects.add(place);
        return objects;
    }

    /** PK's request to AF, citing {@link #intel(NodeIdentity)}, sent at {@code at}. */
    static RequestMessage request(NodeIdentity pk, Instant at) {
        RequestForAction request = new RequestForAction(
                List.of(StixId.of(sdoId(pk, "intrusion-set", "group")), StixId.of(sdoId(pk, "location", "spin-boldak"))),
                List.of(), RequestedAction.of(RequestedAction.Kind.SURVEIL, "the group's gathering near Spin Boldak"),
                Urgency.URGENT, "Exercise: Pakistan asks Afghanistan to watch an armed group gathering near Spin Boldak, "
                        + "across from the patrol notified at Chaman, and to report back before the patrol starts.");
        return RequestMessage.Request.of(REQUEST, PK, AF, at, request);
    }

    private static ObjectNode sdo(NodeIdentity node, String type, String key) {
        ObjectNode object = JSON.createObjectNode();
        String time = "2026-01-01T00:00:00.000Z";
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", sdoId(node, type, key));
        object.put("created", time);
        object.put("modified", time);
        object.put("created_by_ref", node.stixIdentityId());
        object.putArray("object_marking_refs").add(Tlp.CLEAR.markingDefinitionId());
        return object;
    }

    private static String sdoId(NodeIdentity node, String type, String key) {
        return DerivedIds.id(type, "concord-exercise-chaman:" + node.stixIdentityId() + ":" + key);
    }
}
