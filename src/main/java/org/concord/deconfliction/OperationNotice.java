package org.concord.deconfliction;

import java.util.List;
import org.concord.party.PartyCode;

/**
 * A party's advance notice to a partner of an operation it plans near their common border.
 *
 * @param id                 unique across both nodes
 * @param notifyingParty     the state that plans the operation and sends the notice
 * @param partner            the state notified; not the notifying party
 * @param type               what kind of operation
 * @param area               where; a {@link OperationArea.MissileFlight} only for
 *                           {@link OperationType#MISSILE_OR_ARTILLERY}
 * @param window             when
 * @param airspaceReferences the NOTAM or NAVAREA warnings published for it: at least one when the
 *                           operation {@linkplain OperationType#usesAirspace() uses airspace}
 * @param contact            whom the partner calls about it
 * @param classification     how widely the partner may pass it on
 */
public record OperationNotice(NoticeId id, PartyCode notifyingParty, PartyCode partner, OperationType type,
        OperationArea area, TimeWindow window, List<AirspaceReference> airspaceReferences, Contact contact,
        Classification classification) {

    public OperationNotice {
        Invalid.required("id", id);
        Invalid.required("notifyingParty", notifyingParty);
        Invalid.required("partner", partner);
        Invalid.required("type", type);
        Invalid.required("area", area);
        Invalid.required("window", window);
        Invalid.required("airspaceReferences", airspaceReferences);
        Invalid.required("contact", contact);
        Invalid.required("classification", classification);
        if (partner.equals(notifyingParty)) {
            throw Invalid.input("partner", "different-parties",
                    "a notice goes to a partner, not to the notifying party itself (" + partner + ")");
        }
        for (int i = 0; i < airspaceReferences.size(); i++) {
            Invalid.required("airspaceReferences[" + i + "]", airspaceReferences.get(i));
        }
        airspaceReferences = List.copyOf(airspaceReferences);
        if (type.usesAirspace() && airspaceReferences.isEmpty()) {
            throw Invalid.input("airspaceReferences", "required-for-air-and-missile-activity",
                    "a " + type + " notice must cite at least one NOTAM or NAVAREA warning published for it");
        }
        if (area instanceof OperationArea.MissileFlight && type != OperationType.MISSILE_OR_ARTILLERY) {
            throw Invalid.input("area", "flight-only-for-missile-or-artillery",
                    "a launch point, impact area and trajectory describe a MISSILE_OR_ARTILLERY operation, not a " + type);
        }
    }

    /**
     * The same notice as {@code addressee} receives it: a notice near a tripoint goes to every partner whose
     * notice zone it lies in, and each evaluates, answers and escalates it for its own pair.
     */
    public OperationNotice addressedTo(PartyCode addressee) {
        return new OperationNotice(id, notifyingParty, addressee, type, area, window, airspaceReferences, contact, classification);
    }
}
