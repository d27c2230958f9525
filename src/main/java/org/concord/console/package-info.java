/**
 * The web console: server-rendered pages (Thymeleaf, htmx, server-sent events) that each node serves
 * to its own users behind a form login (docs/console.md). Who may open it, and how the session and
 * CSRF protection work, is decided in {@code party.security.ConsoleSecurity}; this module holds the
 * pages.
 *
 * <p>Today: the desk ({@link org.concord.console.DeskController}), everything awaiting this node or
 * the partner, soonest deadline first, kept live by {@link org.concord.console.ConsoleEvents}; a
 * page per case ({@link org.concord.console.CaseController}) with the steps a liaison may take as
 * forms, sent through the owning module's service as the REST API sends them; and the map
 * ({@link org.concord.console.MapController}), deconfliction's layers with Leaflet, where a liaison
 * officer draws, checks and sends a notice. The ledger page ({@link org.concord.console.LedgerPageController}) reads
 * {@code ledger.LedgerRecords} and the partner's receipts from {@code exchange.Outbox}; cooperation health
 * ({@link org.concord.console.HealthController}) computes its figures from the case views ({@link org.concord.console.CooperationHealth}).
 * The hotline page ({@link org.concord.console.HotlinePageController}) shows the conversation with each
 * partner and sends and acknowledges calls through {@code hotline.AnsweringCalls}.
 * The intelligence pages ({@link org.concord.console.IntelPagesController}): search, object pages with what the partner
 * sees, a form and a bundle upload, through {@code intel}'s public API ({@code IntelStore}, {@code Bundles}).
 * A page per operation notice ({@link org.concord.console.NoticePageController}) shows it with its evaluation, conflicts
 * and revisions, and withdraws or revises it through {@code deconfliction.DeconflictionMap}.
 * The screening page ({@link org.concord.console.ScreeningPageController}) searches the watchlists through {@code screening.Watchlists}.
 *
 * <p>On top of the layering, beside {@code demo}: it reads the cases through {@code workflow}'s
 * API, sends through the API of {@code requests}, {@code commitments}, {@code hotline} and
 * {@code incidents}, reads and draws the map through {@code deconfliction.DeconflictionMap}, and
 * nothing depends on it. The admin page ({@link org.concord.console.AdminController}) and the desk's
 * alarms ({@link org.concord.console.Alarms}) also read {@code intel}'s sharing settings,
 * {@code exchange}'s outbox and partner contact, and {@code ledger}'s open alarms.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console: the web pages of a node",
        allowedDependencies = {"node", "party", "workflow", "requests", "commitments", "hotline", "incidents",
            "deconfliction", "intel", "intel::stix", "exchange", "ledger", "ledger::tree", "screening", "screening::psi"})
package org.concord.console;
