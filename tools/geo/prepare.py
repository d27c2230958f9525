#!/usr/bin/env python3
"""Derives the compact geography shipped in src/main/resources/geo/ from the
Natural Earth copies in ../shared/data/geo/ (run once by hand; the build and
the application never read ../shared).

Usage: python3 tools/geo/prepare.py SHARED_GEO_DIR ISO_3166_1_JSON OUT_DIR

- countries-10m.topo.json.gz: world-atlas 2.0.2 countries-10m.json, verbatim
  arcs and transform, the `land` object dropped, each country given
  properties.iso_a2 from its ISO 3166-1 numeric id (Kosovo: XK); territories
  without an ISO code keep only their name.
- admin1/XX.json.gz: the admin-1 provinces of country XX (by iso_a2),
  properties cut to iso_3166_2, name, name_en, name_fa, name_ur, name_ar;
  each ring quantised to 1e-3 degree (about 110 m, finer than the
  world-atlas country outlines' own 0.0036 x 0.0017 degree grid) and written
  as a flat delta-encoded integer list [dx0, dy0, dx1, dy1, ...], repeated
  points dropped. Geometry: {"type": "Polygon", "rings": [ring, ...]} or
  {"type": "MultiPolygon", "polygons": [[ring, ...], ...]}; the collection's
  "scale" is the size of one unit in degrees.
"""
import gzip, json, os, sys

shared, iso_json, out = sys.argv[1:4]
numeric_to_a2 = {c['numeric']: c['alpha_2'] for c in json.load(open(iso_json))['3166-1']}

topo = json.load(open(os.path.join(shared, 'world-atlas-2.0.2', 'countries-10m.json')))
del topo['objects']['land']
unmapped = []
for g in topo['objects']['countries']['geometries']:
    a2 = numeric_to_a2.get(g.get('id'))
    if a2 is None and g['properties']['name'] == 'Kosovo':
        a2 = 'XK'
    if a2 is None:
        unmapped.append(g['properties']['name'])
    else:
        g['properties']['iso_a2'] = a2
os.makedirs(os.path.join(out, 'admin1'), exist_ok=True)
with gzip.GzipFile(os.path.join(out, 'countries-10m.topo.json.gz'), 'wb', mtime=0) as f:
    f.write(json.dumps(topo, separators=(',', ':')).encode())
print('territories without ISO 3166-1 code:', unmapped)

SCALE = 1e-3

def ring_deltas(ring):
    out, px, py = [], 0, 0
    for x, y in ring:
        ix, iy = round(x / SCALE), round(y / SCALE)
        if out and ix == px and iy == py:
            continue
        out += [ix - px, iy - py]
        px, py = ix, iy
    return out

def encode(geometry):
    if geometry['type'] == 'Polygon':
        return {'type': 'Polygon', 'rings': [ring_deltas(r) for r in geometry['coordinates']]}
    return {'type': 'MultiPolygon',
            'polygons': [[ring_deltas(r) for r in p] for p in geometry['coordinates']]}

keep = ('iso_3166_2', 'name', 'name_en', 'name_fa', 'name_ur', 'name_ar')
admin1 = json.load(gzip.open(os.path.join(shared, 'ne_10m_admin_1_states_provinces.geojson.gz')))
by_country = {}
for feat in admin1['features']:
    p = feat['properties']
    props = {k: p[k] for k in keep if p.get(k) not in (None, '', '-99')}
    by_country.setdefault(p['iso_a2'], []).append(
        {'properties': props, 'geometry': encode(feat['geometry'])})
for a2, feats in by_country.items():
    with gzip.GzipFile(os.path.join(out, 'admin1', a2 + '.json.gz'), 'wb', mtime=0) as f:
        f.write(json.dumps({'scale': SCALE, 'features': feats},
                           separators=(',', ':'), ensure_ascii=False).encode())
print('provinces:', sum(len(v) for v in by_country.values()), 'countries:', len(by_country))
