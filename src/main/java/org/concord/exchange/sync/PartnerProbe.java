package org.concord.exchange.sync;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.concord.party.Partner;
import org.concord.party.Partners;
import org.concord.party.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches each partner cheaply: every {@code concord.exchange.probe-interval} (default 3 s) it asks
 * the TAXII API root ({@code GET /taxii2/concord/}, a few hundred bytes) of every partner that is
 * unreachable or that delivery is backing off from, and of every other partner once per
 * {@code concord.exchange.partner-refresh} (default 5 min, which also refreshes its
 * {@code max_content_length}). When a partner that was unreachable answers, the backoff ends and
 * delivery starts at once: messages, FLASH first, reach it within seconds of its return instead of
 * after the rest of a backoff of up to ten minutes.
 */
@Component
public class PartnerProbe {

    private static final Logger log = LoggerFactory.getLogger(PartnerProbe.class);
    private final Partners partners;
    private final PartnerLinks links;
    private final DeliveryTrigger trigger;
    private final OutboxMonitor monitor;
    private final Clock clock;
    private final Duration refresh;

    PartnerProbe(Partners partners, PartnerLinks links, DeliveryTrigger trigger, OutboxMonitor monitor, Clock clock,
            @Value("${concord.exchange.partner-refresh:PT5M}") Duration refresh) {
        this.partners = partners;
        this.links = links;
        this.trigger = trigger;
        this.monitor = monitor;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Scheduled(fixedDelayString = "${concord.exchange.probe-interval:PT3S}", initialDelayString = "PT2S")
    @SchedulerLock(name = "exchange.probe-partners", lockAtMostFor = "PT1M")
    public void probeAll() {
        monitor.register();
        for (Partner partner : partners.all()) {
            PartnerLinks.Link link = links.link(partner.code());
            boolean due = link.failures() > 0 || !Boolean.TRUE.equals(link.reachable()) || link.lastCheckedAt() == null
                    || link.lastCheckedAt().plus(refresh).isBefore(clock.instant());
            if (due) {
                probe(partner.code());
            }
        }
    }

    /**
     * Asks one partner's API root now; when it answers after delivery to it failed for want of an
     * answer, ends the backoff and starts a delivery. Returns whether it answered.
     */
    public boolean probe(PartyCode partner) {
        boolean wasUnreachable = Boolean.FALSE.equals(links.link(partner).reachable());
        PartnerLinks.Probe probe = links.probe(partner);
        monitor.invalidate();
        if (probe.reachable() && wasUnreachable) {
            boolean wasBackingOff = links.backAgain(partner);
            log.info("{} answers again{}", partner, wasBackingOff ? ": delivery resumes now" : "");
            trigger.request(partner);
        } else if (!probe.reachable()) {
            log.debug("{} does not answer: {}", partner, probe.error());
        }
        return probe.reachable();
    }
}
