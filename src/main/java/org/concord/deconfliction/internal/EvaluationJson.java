package org.concord.deconfliction.internal;

import org.concord.deconfliction.BrokenRule;
import org.concord.deconfliction.Conflict;
import org.concord.deconfliction.ConversionOffer;
import org.concord.deconfliction.NoticeEvaluation;
import org.concord.deconfliction.SovereigntyViolation;
import org.concord.deconfliction.geo.BorderDistance;
import org.concord.deconfliction.geo.Position;
import org.concord.node.Durations;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link NoticeEvaluation} as the JSON the REST API answers and the notice table keeps: the
 * outcome, the distance from the border with the nearest border point, every broken rule with what
 * was measured, every conflict with its overlap as GeoJSON, or the sovereignty violation with the
 * part inside the partner's territory and the conversion offers. Positions are {@code [lon, lat]}
 * as in GeoJSON.
 */
final class EvaluationJson {

    private EvaluationJson() {
    }

    static ObjectNode of(NoticeEvaluation evaluation) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("notice", evaluation.notice().id().value());
        out.set("fromBorder", distance(evaluation.fromBorder()));
        if (evaluation instanceof NoticeEvaluation.Refused refused) {
            out.put("outcome", "refused");
            out.set("violation", violation(refused.violation()));
        } else if (evaluation instanceof NoticeEvaluation.Sendable sendable) {
            out.put("outcome", "sendable");
            out.put("noticeRequired", sendable.noticeRequired());
            out.put("clean", sendable.clean());
            ArrayNode rules = out.putArray("brokenRules");
            sendable.brokenRules().forEach(r -> rules.add(rule(r)));
            ArrayNode conflicts = out.putArray("conflicts");
            sendable.conflicts().forEach(c -> conflicts.add(conflict(c)));
            out.set("rules", rules(sendable.rules()));
        }
        return out;
    }

    /**
     * The rules it was evaluated under: the agreement both sides signed ({@code basis: agreement}, its
     * id, version and since when in force) or this node's configuration ({@code basis: configured},
     * which the partner never signed), and the terms.
     */
    static ObjectNode rules(org.concord.deconfliction.NoticeRules rules) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        if (rules.agreement() != null) {
            out.put("basis", "agreement");
            out.put("agreement", rules.agreement().id());
            out.put("version", rules.agreement().version());
            out.put("inForceSince", rules.agreement().inForceSince().toString());
        } else {
            out.put("basis", "configured");
        }
        rules.terms().forEach(out.putArray("terms")::add);
        return out;
    }

    static ObjectNode violation(SovereigntyViolation v) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("partner", v.partner().value());
        out.put("explanation", v.explanation());
        out.set("insidePartner", NoticeJson.geometry(v.insidePartnerGeoJson()));
        ArrayNode offers = out.putArray("offers");
        for (ConversionOffer o : v.offers()) {
            ObjectNode offer = offers.addObject();
            offer.put("kind", o.kind().name());
            offer.put("fromNotice", o.fromNotice().value());
            offer.put("addressedTo", o.addressedTo().value());
            offer.put("operation", o.operation().name());
            offer.set("area", NoticeJson.REST.areaJson(o.area()));
            offer.putObject("window").put("start", o.window().start().toString()).put("end", o.window().end().toString());
            offer.put("summary", o.summary());
        }
        return out;
    }

    static ObjectNode rule(BrokenRule r) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("rule", r.rule());
        out.put("explanation", r.explanation());
        if (r instanceof BrokenRule.TooClose c) {
            out.put("part", c.part());
            out.put("requiredKm", c.requiredKm());
            out.setAll(distance(c.measured()));
        } else if (r instanceof BrokenRule.Crosses c) {
            out.put("part", c.part());
            out.setAll(distance(c.measured()));
        } else if (r instanceof BrokenRule.TooLate l) {
            out.put("required", l.required().toString());
            out.put("requiredText", Durations.readable(l.required()));
            out.put("given", l.given().toString());
            out.put("givenText", Durations.readable(l.given()));
        } else if (r instanceof BrokenRule.TooLong l) {
            out.put("allowed", l.allowed().toString());
            out.put("allowedText", Durations.readable(l.allowed()));
            out.put("length", l.length().toString());
            out.put("lengthText", Durations.readable(l.length()));
        }
        return out;
    }

    static ObjectNode conflict(Conflict c) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        if (c instanceof Conflict.WithPartnerOperation op) {
            out.put("kind", "operation");
            out.put("notice", op.notice().value());
            out.put("party", op.party().value());
            out.put("type", op.type().name());
            out.putObject("during").put("start", op.during().start().toString()).put("end", op.during().end().toString());
        } else if (c instanceof Conflict.WithProtectedSite site) {
            out.put("kind", "protected-site");
            out.put("site", site.site());
            out.put("siteKind", site.kind().name());
            out.put("party", site.party().value());
        }
        out.set("overlap", NoticeJson.geometry(c.overlapGeoJson()));
        return out;
    }

    static ObjectNode distance(BorderDistance d) {
        ObjectNode out = NoticeJson.JSON.createObjectNode();
        out.put("km", Math.round(d.km() * 1000) / 1000.0);
        out.set("nearestBorderPoint", position(d.nearestBorder()));
        out.set("nearestOwnPoint", position(d.nearestOwn()));
        return out;
    }

    private static ArrayNode position(Position p) {
        return NoticeJson.JSON.createArrayNode().add(p.lon()).add(p.lat());
    }
}
