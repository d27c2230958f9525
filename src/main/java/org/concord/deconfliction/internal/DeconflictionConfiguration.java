package org.concord.deconfliction.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.concord.deconfliction.ActivityMap;
import org.concord.deconfliction.ConflictAnswerPolicy;
import org.concord.deconfliction.EvaluatingNotices;
import org.concord.deconfliction.PlacesOnTheBorder;
import org.concord.deconfliction.RulesPerPair;
import org.concord.deconfliction.geo.Boundaries;
import org.concord.deconfliction.geo.CountryCode;
import org.concord.deconfliction.geo.GeoJson;
import org.concord.node.NodeSettings;
import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The deconfliction core, wired once per node: the boundaries (loaded once, with the provinces of
 * this party and its partners prepared), the rules per pair from {@code concord.deconfliction.*},
 * the activity map rebuilt from the stored notices and sites, and the evaluation with the node's
 * clock. Settings are bound by hand, as the ledger's are, so the module documentation can describe them.
 */
@Configuration(proxyBeanMethods = false)
class DeconflictionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeconflictionConfiguration.class);

    @Bean
    DeconflictionSettings deconflictionSettings(Environment environment) {
        return Binder.get(environment).bind("concord.deconfliction", DeconflictionSettings.class)
                .orElseGet(() -> new DeconflictionSettings(null, null, null, null));
    }

    @Bean
    OwnParty ownParty(NodeSettings node) {
        return new OwnParty(PartyCode.of(node.party().code()));
    }

    @Bean
    Boundaries boundaries(OwnParty own, DeconflictionSettings settings, Partners partners) {
        Set<CountryCode> parties = new LinkedHashSet<>();
        parties.add(CountryCode.of(own.code().value()));
        settings.partners().forEach(p -> parties.add(CountryCode.of(p)));
        for (Partner p : partners.all()) {
            parties.add(CountryCode.of(p.code().value()));
        }
        long start = System.nanoTime();
        Boundaries boundaries = Boundaries.load(parties);
        log.info("boundaries loaded for {} in {} ms", parties, (System.nanoTime() - start) / 1_000_000);
        return boundaries;
    }

    /** The rules of {@code concord.yml}: those in force for a pair until both sides sign an agreement ({@link SigningAgreements}). */
    @Bean
    RulesPerPair rulesPerPair(OwnParty own, DeconflictionSettings settings) {
        return settings.rulesFor(own.code());
    }

    @Bean
    ConflictAnswerPolicy conflictAnswerPolicy(DeconflictionSettings settings) {
        return settings.conflictAnswers().policy();
    }

    @Bean
    ActivityMap activityMap(DeconflictionTables tables, Clock clock) {
        ActivityMap map = new ActivityMap();
        // Notices whose window is over can conflict with nothing new (a conflict needs overlapping
        // windows), so they stay in the tables but are not held in memory.
        List<DeconflictionTables.StoredNotice> notices = tables.acceptedNoticesEndingAfter(clock.instant());
        notices.forEach(n -> map.add(n.notice()));
        List<DeconflictionTables.StoredSite> sites = tables.sites();
        sites.forEach(s -> map.declare(s.site()));
        log.info("activity map rebuilt: {} notices, {} protected sites", notices.size(), sites.size());
        return map;
    }

    @Bean
    EvaluatingNotices evaluatingNotices(Boundaries boundaries, org.concord.deconfliction.RulesInForce rules, ActivityMap activity, Clock clock,
            Partners partners) {
        // paired now: a pairing made after start counts
        return new EvaluatingNotices(boundaries, rules, activity, clock, code -> partners.byCode(code).isPresent());
    }

    /** Where places lie with respect to a pair's border, for other modules (incidents). */
    @Bean
    PlacesOnTheBorder placesOnTheBorder(Boundaries boundaries, org.concord.deconfliction.RulesInForce rules) {
        return new PlacesOnTheBorder(boundaries, rules);
    }

    /**
     * Readers of untrusted GeoJSON: form and range, and a hint at swapped coordinates among this
     * party and its partners (those paired now, so a pairing made after start counts).
     */
    @Bean
    GeoJsonReaders geoJsonReaders(Boundaries boundaries, OwnParty own, DeconflictionSettings settings, Partners partners) {
        return () -> {
            Set<CountryCode> parties = new LinkedHashSet<>();
            parties.add(CountryCode.of(own.code().value()));
            settings.partners().forEach(p -> parties.add(CountryCode.of(p)));
            partners.all().forEach(p -> parties.add(CountryCode.of(p.code().value())));
            return GeoJson.reader(boundaries, parties);
        };
    }

    /** Gives a GeoJSON reader for the parties known now. */
    interface GeoJsonReaders {
        GeoJson reader();
    }

    /** The party this node speaks for. */
    record OwnParty(PartyCode code) {
    }
}
