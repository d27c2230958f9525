/* Concord console: a notice's page. A small Leaflet map (no tiles) of the notice's area, its conflicts' overlaps,
   and the pair's boundaries and border from the node's own layers. No inline script; nothing is set as HTML. */
(function () {
  'use strict';

  var element = document.getElementById('notice-map');
  if (!element || typeof L === 'undefined') { return; }
  var map = L.map(element, { attributionControl: false, zoomControl: true });
  map.setView([29, 63], 6);

  var AREA = { color: '#0b4f8a', weight: 2, fillColor: '#3d85c6', fillOpacity: 0.3 };
  var OVERLAP = { color: '#b00020', weight: 2, fillColor: '#ff4d5e', fillOpacity: 0.5 };

  function read(name) {
    try { return JSON.parse(element.getAttribute(name) || 'null'); } catch (e) { return null; }
  }

  /* The area as the REST API spells it: {centre, radiusKm}, {polygon}, or {launchPoint, impactArea, trajectory}. */
  function areaLayer(area) {
    var group = L.featureGroup();
    if (!area) { return group; }
    if (area.centre && area.centre.coordinates) {
      var c = area.centre.coordinates;
      L.circle([c[1], c[0]], L.extend({ radius: (area.radiusKm || 0) * 1000 }, AREA)).addTo(group);
    }
    ['polygon', 'impactArea', 'trajectory', 'launchPoint'].forEach(function (key) {
      if (area[key] && area[key].type) {
        L.geoJSON(area[key], { style: AREA, pointToLayer: function (f, latlng) { return L.circleMarker(latlng, AREA); } })
          .addTo(group);
      }
    });
    return group;
  }

  function layer(name, style) {
    return fetch('/console/map/layers/' + name, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
      .then(function (r) { if (!r.ok) { throw new Error(name); } return r.json(); })
      .then(function (geojson) { return L.geoJSON(geojson, { style: style, interactive: false }).addTo(map); });
  }

  var area = null;
  function draw() {
    if (area) { map.removeLayer(area); }
    area = areaLayer(read('data-area'));
    var overlaps = read('data-overlaps');
    if (overlaps && overlaps.geometries && overlaps.geometries.length) {
      L.geoJSON(overlaps, { style: OVERLAP, interactive: false }).addTo(area);
    }
    area.addTo(map);
    if (area.getBounds().isValid()) {
      map.fitBounds(area.getBounds(), { padding: [30, 30], maxZoom: 12, animate: false });
    }
    element.setAttribute('data-drawn', 'true');
  }

  layer('boundaries', { color: '#4a5a6a', weight: 1.5, fillColor: '#eef1e6', fillOpacity: 1 })
    .then(function () { return layer('border', { color: '#b00020', weight: 3 }); })
    .catch(function () { /* the area is drawn without them */ })
    .then(draw);
}());
