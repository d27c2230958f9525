package org.concord.deconfliction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.concord.party.PartyCode;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The notified operations and declared protected sites this node knows of, its own and its
 * partners', held in memory and indexed for the conflict search of {@link #conflictsOf}.
 *
 * <p><b>Index.</b> An STR-tree of the areas' bounding boxes, packed once, plus the few entries
 * added or withdrawn since it was packed (an STR-tree cannot change once packed); when those
 * reach {@value #REPACK_AFTER} the tree is packed again from everything held. A search asks the
 * tree and scans the few recent entries, keeps the partner's entries whose time window overlaps
 * (sites always count), and tests the exact geometry with the notice's area prepared.
 *
 * <p>Thread-safe: writes are serialised and publish an immutable snapshot; searches read the
 * current snapshot without locking. Persistence is someone else's: load what is stored with
 * {@link #add} and {@link #declare} at start.
 */
public final class ActivityMap {

    static final int REPACK_AFTER = 256;

    /** One held item with its area's parts, computed once. */
    private static final class Entry {
        final OperationNotice notice;
        final ProtectedSite site;
        final List<Geometry> parts;
        final Envelope envelope;

        Entry(OperationNotice notice, ProtectedSite site, List<Geometry> parts) {
            this.notice = notice;
            this.site = site;
            this.parts = parts;
            this.envelope = new Envelope();
            parts.forEach(p -> envelope.expandToInclude(p.getEnvelopeInternal()));
        }
    }

    /** What a search reads: the packed tree, entries added since, entries of the tree withdrawn since. */
    private record Snapshot(STRtree tree, List<Entry> recent, Set<Entry> withdrawn) {
    }

    private final Map<NoticeId, Entry> notices = new LinkedHashMap<>();
    private final List<Entry> sites = new ArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(packed(List.of()), List.of(), Set.of());

    /** Holds {@code notice}, replacing the one with the same id if any (a new version). */
    public synchronized void add(OperationNotice notice) {
        Objects.requireNonNull(notice, "notice");
        Entry previous = notices.remove(notice.id());
        Entry entry = new Entry(notice, null, notice.area().parts());
        notices.put(notice.id(), entry);
        publish(entry, previous);
    }

    /** Forgets the notice with this id (withdrawn or over); whether it was held. */
    public synchronized boolean withdraw(NoticeId id) {
        Entry previous = notices.remove(Objects.requireNonNull(id, "id"));
        if (previous == null) {
            return false;
        }
        publish(null, previous);
        return true;
    }

    /** Holds a declared protected site. */
    public synchronized void declare(ProtectedSite site) {
        Objects.requireNonNull(site, "site");
        Entry entry = new Entry(null, site, List.of(site.area()));
        sites.add(entry);
        publish(entry, null);
    }

    /** The notice with this id, if held. */
    public synchronized Optional<OperationNotice> notice(NoticeId id) {
        Entry e = notices.get(id);
        return e == null ? Optional.empty() : Optional.of(e.notice);
    }

    /** Every notice held, in the order added. */
    public synchronized List<OperationNotice> notices() {
        return notices.values().stream().map(e -> e.notice).toList();
    }

    /** Every protected site held, in the order declared. */
    public synchronized List<ProtectedSite> sites() {
        return sites.stream().map(e -> e.site).toList();
    }

    /**
     * Where {@code notice} overlaps, in area and time, an operation its partner notified or a
     * site its partner declared. Entries of other parties, and the notice itself, do not count.
     */
    public List<Conflict> conflictsOf(OperationNotice notice) {
        Objects.requireNonNull(notice, "notice");
        return conflictsOf(notice, notice.area().parts());
    }

    List<Conflict> conflictsOf(OperationNotice notice, List<Geometry> parts) {
        Snapshot s = snapshot;
        Envelope envelope = new Envelope();
        parts.forEach(p -> envelope.expandToInclude(p.getEnvelopeInternal()));
        List<Entry> candidates = new ArrayList<>();
        s.tree.query(envelope, item -> {
            Entry e = (Entry) item;
            if (!s.withdrawn.contains(e)) {
                candidates.add(e);
            }
        });
        for (Entry e : s.recent) {
            if (e.envelope.intersects(envelope)) {
                candidates.add(e);
            }
        }
        PartyCode partner = notice.partner();
        List<Conflict> conflicts = new ArrayList<>();
        PreparedGeometry[] prepared = null;
        for (Entry e : candidates) {
            Optional<TimeWindow> during = Optional.empty();
            if (e.notice != null) {
                if (!e.notice.notifyingParty().equals(partner) || e.notice.id().equals(notice.id())) {
                    continue;
                }
                during = e.notice.window().overlap(notice.window());
                if (during.isEmpty()) {
                    continue;
                }
            } else if (!e.site.declaredBy().equals(partner)) {
                continue;
            }
            if (prepared == null) {
                prepared = parts.stream().map(PreparedGeometryFactory::prepare).toArray(PreparedGeometry[]::new);
            }
            Geometry overlap = overlap(prepared, e.parts);
            if (overlap == null) {
                continue;
            }
            conflicts.add(e.notice != null
                    ? new Conflict.WithPartnerOperation(e.notice.id(), e.notice.notifyingParty(), e.notice.type(),
                            during.get(), overlap)
                    : new Conflict.WithProtectedSite(e.site.name(), e.site.kind(), e.site.declaredBy(), overlap));
        }
        return List.copyOf(conflicts);
    }

    /** The union of the pairwise intersections, or null if no part meets another. */
    private static Geometry overlap(PreparedGeometry[] own, List<Geometry> theirs) {
        List<Geometry> pieces = new ArrayList<>(2);
        for (PreparedGeometry p : own) {
            for (Geometry t : theirs) {
                if (p.getGeometry().getEnvelopeInternal().intersects(t.getEnvelopeInternal()) && p.intersects(t)) {
                    pieces.add(OverlayNGRobust.overlay(p.getGeometry(), t, OverlayNG.INTERSECTION));
                }
            }
        }
        if (pieces.isEmpty()) {
            return null;
        }
        return pieces.size() == 1 ? pieces.get(0) : UnaryUnionOp.union(pieces);
    }

    /** Publishes a snapshot with {@code added} and without {@code removed}; repacks when due. */
    private void publish(Entry added, Entry removed) {
        Snapshot s = snapshot;
        List<Entry> recent = new ArrayList<>(s.recent);
        Set<Entry> withdrawn = Collections.newSetFromMap(new IdentityHashMap<>());
        withdrawn.addAll(s.withdrawn);
        if (removed != null && !recent.remove(removed)) {
            withdrawn.add(removed);
        }
        if (added != null) {
            recent.add(added);
        }
        if (recent.size() + withdrawn.size() >= REPACK_AFTER) {
            List<Entry> all = new ArrayList<>(notices.values());
            all.addAll(sites);
            snapshot = new Snapshot(packed(all), List.of(), Set.of());
        } else {
            snapshot = new Snapshot(s.tree, List.copyOf(recent), Collections.unmodifiableSet(withdrawn));
        }
    }

    private static STRtree packed(List<Entry> entries) {
        STRtree tree = new STRtree();
        for (Entry e : entries) {
            tree.insert(e.envelope, e);
        }
        tree.build();
        return tree;
    }
}
