/* Concord console: the map. Leaflet without tiles, the node's own GeoJSON layers, and (for a liaison
   officer) drawing an area, the dry run and sending the notice. No inline script: the page's CSP allows
   only the node's own files. Everything shown comes from the server and is set as text, never as HTML. */
(function () {
  'use strict';

  var element = document.getElementById('map');
  if (!element || typeof L === 'undefined') { return; }
  var csrfToken = document.querySelector('meta[name="_csrf"]').content;
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;
  var partner = element.dataset.partner || '';
  var status = document.getElementById('layers-status');

  var map = L.map(element, { zoomControl: true, attributionControl: false, preferCanvas: false });
  map.setView([29, 63], 6);

  /* How each layer looks, and what its popup says. */
  var STYLES = {
    boundaries: { color: '#4a5a6a', weight: 1.5, fillColor: '#eef1e6', fillOpacity: 1 },
    provinces: { color: '#9aa5b1', weight: 0.6, fill: false, dashArray: '2 3' },
    'border-zone': { color: '#d9a400', weight: 0, fillColor: '#f5d76e', fillOpacity: 0.25 },
    border: { color: '#b00020', weight: 3 },
    notices: { color: '#0b4f8a', weight: 2, fillColor: '#3d85c6', fillOpacity: 0.3 },
    sites: { color: '#2d7d46', weight: 2, fillColor: '#5fd18b', fillOpacity: 0.4, radius: 7 },
    conflicts: { color: '#b00020', weight: 2, fillColor: '#ff4d5e', fillOpacity: 0.5 },
    events: { color: '#7b2cbf', weight: 3, dashArray: '6 4', radius: 6 },
    incidents: { color: '#a85d00', weight: 2, fillColor: '#ffb347', fillOpacity: 0.7, radius: 8 },
    locations: { color: '#1f2937', weight: 2, fillColor: '#9ca3af', fillOpacity: 0.9, radius: 6 }
  };
  var TITLES = {
    boundaries: 'Country', provinces: 'Province', border: 'Border', 'border-zone': 'Border zone', notices: 'Notice',
    sites: 'Protected site', conflicts: 'Conflict', events: 'Unplanned event', incidents: 'Incident',
    locations: 'Intel location'
  };
  var PLURALS = {
    boundaries: 'Countries', provinces: 'Provinces', border: 'Border', 'border-zone': 'Border zone', notices: 'Notices',
    sites: 'Protected sites', conflicts: 'Conflicts', events: 'Unplanned events', incidents: 'Incidents',
    locations: 'Intel locations'
  };
  var ORDER = ['boundaries', 'provinces', 'border-zone', 'border', 'sites', 'notices', 'conflicts', 'events', 'incidents', 'locations'];
  var CLICKABLE = { notices: true, sites: true, conflicts: true, events: true, incidents: true, locations: true };
  var layers = {};
  var control = L.control.layers(null, null, { collapsed: false }).addTo(map);

  function popup(name, properties) {
    var box = document.createElement('div');
    box.className = 'popup popup-' + name;
    var title = document.createElement('strong');
    title.textContent = TITLES[name] || name;
    box.appendChild(title);
    var list = document.createElement('dl');
    Object.keys(properties || {}).forEach(function (key) {
      var value = properties[key];
      if (value === null || value === undefined || typeof value === 'object') { return; }
      var dt = document.createElement('dt');
      dt.textContent = key;
      var dd = document.createElement('dd');
      dd.textContent = String(value);
      dd.dir = 'auto';
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
    if (name === 'incidents' && properties.caseId) {
      var link = document.createElement('a');
      link.href = '/console/cases/' + encodeURIComponent(properties.caseId);
      link.className = 'case-link';
      link.textContent = 'Open the case';
      box.appendChild(link);
    }
    // each kind with a page of its own links to it: a notice (a conflict: its notice) and an intel location
    var page = null;
    if (name === 'notices' && properties.id) {
      page = ['/console/notices/' + encodeURIComponent(properties.id), 'Open the notice'];
    } else if (name === 'conflicts' && properties.notice) {
      page = ['/console/notices/' + encodeURIComponent(properties.notice), 'Open its notice'];
    } else if (name === 'locations' && properties.id) {
      page = ['/console/intel/objects/' + encodeURIComponent(properties.id), 'Open the object'];
    }
    if (page) {
      var pageLink = document.createElement('a');
      pageLink.href = page[0];
      pageLink.className = 'page-link';
      pageLink.textContent = page[1];
      box.appendChild(pageLink);
    }
    return box;
  }

  function load(name) {
    var url = '/console/map/layers/' + name + (partner ? '?partner=' + encodeURIComponent(partner) : '');
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error(name + ': ' + response.status); }
        return response.json();
      })
      .then(function (geojson) {
        var style = STYLES[name] || {};
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            // this node's own country a little lighter than the partner's
            if (name === 'boundaries' && feature.properties && feature.properties.code !== element.dataset.party) {
              return L.extend({}, style, { fillColor: '#e4e0d2' });
            }
            return style;
          },
          interactive: !!CLICKABLE[name],
          pointToLayer: function (feature, latlng) {
            // a notice around a point comes as its centre and radius (a tenth of the bytes of its polygon)
            var km = feature.properties && feature.properties.radiusKm;
            return km ? L.circle(latlng, L.extend({}, style, { radius: km * 1000 })) : L.circleMarker(latlng, style);
          },
          onEachFeature: function (feature, featureLayer) {
            if (CLICKABLE[name]) { featureLayer.bindPopup(popup(name, feature.properties)); }
          }
        });
        if (layers[name]) {
          map.removeLayer(layers[name]);
          control.removeLayer(layers[name]);
        }
        layers[name] = layer;
        layer.addTo(map);
        control.addOverlay(layer, PLURALS[name] || name);
        element.setAttribute('data-layer-' + name, String(geojson.features.length));
        return layer;
      });
  }

  function loadAll() {
    var done = [];
    var chain = Promise.resolve();
    ORDER.forEach(function (name) {
      // one after the other, so that they stack in ORDER
      chain = chain.then(function () {
        return load(name).then(function () { done.push(name); }, function (e) { status.textContent = 'Could not load ' + e.message; });
      });
    });
    return chain.then(function () {
      if (layers['border-zone'] && layers['border-zone'].getBounds().isValid()) {
        map.fitBounds(layers['border-zone'].getBounds());
      }
      status.textContent = 'Layers: ' + done.join(', ') + '.';
      element.setAttribute('data-loaded', 'true');
    });
  }

  window.concordMap = { map: map, layers: layers, reload: load };
  loadAll();

  /* With several partners, the pair drawn is chosen: the four layers of the pair are read again for the partner
     chosen, put back beneath the rest, and the map moves to their border zone. */
  var PAIR = ['boundaries', 'provinces', 'border-zone', 'border'];
  var chooser = document.getElementById('map-partner');
  if (chooser) {
    chooser.addEventListener('change', function () {
      partner = chooser.value;
      element.setAttribute('data-partner', partner);
      element.removeAttribute('data-loaded');
      var noticePartner = document.getElementById('notice-partner');
      if (noticePartner) { noticePartner.value = partner; }
      var chain = Promise.resolve();
      PAIR.forEach(function (name) { chain = chain.then(function () { return load(name); }); });
      chain.then(function () {
        PAIR.slice().reverse().forEach(function (name) { if (layers[name]) { layers[name].bringToBack(); } });
        if (layers['border-zone'] && layers['border-zone'].getBounds().isValid()) {
          map.fitBounds(layers['border-zone'].getBounds());
        }
        status.textContent = 'Pair shown: ' + element.dataset.party + ' – ' + partner + '.';
        element.setAttribute('data-loaded', 'true');
      }, function (e) { status.textContent = 'Could not load ' + e.message; });
    });
  }

  /* Live: console.js reads the one event stream (/console/events) and tells the page of each change; the layers
     a change can touch are read again, once for a burst of changes. */
  var LIVE = ['notices', 'conflicts', 'events', 'sites'];
  var pending = null;
  document.addEventListener('concord:case', function (e) {
    var type = e.detail && e.detail.type;
    if (type && ['notice', 'event', 'site'].indexOf(type) < 0) { return; }
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      var chain = Promise.resolve();
      LIVE.forEach(function (name) { chain = chain.then(function () { return load(name).catch(function () {}); }); });
      chain.then(function () {
        element.setAttribute('data-refreshed', String(Number(element.getAttribute('data-refreshed') || '0') + 1));
      });
    }, 300);
  });

  /* ---- drawing a notice (liaison officers only: the section is not on a viewer's page) ---- */

  var draw = document.getElementById('draw');
  if (!draw) { return; }
  var form = document.getElementById('notice-form');
  var evaluation = document.getElementById('evaluation');
  var startButton = document.getElementById('draw-start');
  var finishButton = document.getElementById('draw-finish');
  var sendButton = document.getElementById('notice-send');
  var drawing = false;
  var points = [];
  var sketch = L.layerGroup().addTo(map);
  var drawn = null;
  var checked = null; // the notice the last dry run found sendable

  function localInput(date) {
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
      + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }
  var start = new Date(Date.now() + 4 * 24 * 3600 * 1000); // beyond the usual minimum notice (72 h)
  start.setMinutes(0, 0, 0);
  document.getElementById('notice-start').value = localInput(start);
  document.getElementById('notice-end').value = localInput(new Date(start.getTime() + 12 * 3600 * 1000));

  function redrawSketch() {
    sketch.clearLayers();
    points.forEach(function (p) { L.circleMarker(p, { radius: 4, color: '#0b4f8a' }).addTo(sketch); });
    if (points.length > 1) { L.polyline(points, { color: '#0b4f8a', dashArray: '4 4' }).addTo(sketch); }
    finishButton.disabled = points.length < 3;
  }

  function clear() {
    drawing = false;
    points = [];
    sketch.clearLayers();
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    form.hidden = true;
    evaluation.textContent = '';
    sendButton.disabled = true;
    checked = null;
    element.classList.remove('drawing');
    startButton.disabled = false;
    finishButton.disabled = true;
  }

  startButton.addEventListener('click', function () {
    clear();
    drawing = true;
    element.classList.add('drawing');
    startButton.disabled = true;
  });
  document.getElementById('draw-clear').addEventListener('click', clear);
  map.on('click', function (e) {
    if (!drawing) { return; }
    points.push(e.latlng);
    redrawSketch();
  });
  finishButton.addEventListener('click', function () {
    if (points.length < 3) { return; }
    drawing = false;
    element.classList.remove('drawing');
    sketch.clearLayers();
    drawn = L.polygon(points, { color: '#0b4f8a', weight: 2, dashArray: '5 3', fillOpacity: 0.2 }).addTo(map);
    form.hidden = false;
    finishButton.disabled = true;
    startButton.disabled = false;
    document.getElementById('notice-contact').focus();
  });

  function notice() {
    var ring = points.map(function (p) { return [round(p.lng), round(p.lat)]; });
    ring.push(ring[0]);
    return {
      partner: document.getElementById('notice-partner').value,
      type: document.getElementById('notice-type').value,
      area: { polygon: { type: 'Polygon', coordinates: [ring] } },
      window: { start: iso('notice-start'), end: iso('notice-end') },
      contact: { name: document.getElementById('notice-contact').value, channel: document.getElementById('notice-channel').value },
      classification: document.getElementById('notice-classification').value
    };
  }
  function round(x) { return Math.round(x * 1e6) / 1e6; }
  function iso(id) {
    var value = document.getElementById(id).value;
    return value ? new Date(value).toISOString() : null;
  }

  function post(url, body) {
    var headers = { Accept: 'application/json' };
    headers[csrfHeader] = csrfToken;
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (!response.ok) {
            var detail = String(json.detail || json.title || response.status);
            var error = new Error(json.field && detail.indexOf(json.field + ':') !== 0 ? json.field + ': ' + detail : detail);
            throw error;
          }
          return json;
        });
      });
  }

  function line(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    parent.appendChild(node);
    return node;
  }

  var distanceLine = null;
  function show(result) {
    evaluation.textContent = '';
    if (distanceLine) { map.removeLayer(distanceLine); distanceLine = null; }
    var from = result.fromBorder;
    if (from) {
      line(evaluation, 'p', 'Distance to the border: ' + from.km + ' km', 'distance').id = 'distance';
      if (from.nearestBorderPoint && from.nearestOwnPoint) {
        distanceLine = L.polyline([[from.nearestOwnPoint[1], from.nearestOwnPoint[0]],
          [from.nearestBorderPoint[1], from.nearestBorderPoint[0]]], { color: '#b00020', dashArray: '2 4', weight: 2 }).addTo(map);
        if (drawn) { map.fitBounds(drawn.getBounds().extend(distanceLine.getBounds()), { padding: [60, 60], maxZoom: 11, animate: false }); }
      }
    }
    if (result.outcome === 'refused') {
      var v = result.violation || {};
      line(evaluation, 'p', 'Refused: ' + (v.explanation || 'sovereignty violation'), 'error').id = 'refusal';
      sendButton.disabled = true;
      checked = null;
      // inside a state this node is not paired with there is nobody to ask: no offers, no button
      if (!v.offers || !v.offers.length) { return; }
      var label = line(evaluation, 'label', 'Marking of the request ', 'ask-marking');
      var tlp = line(label, 'select', '');
      tlp.id = 'ask-tlp';
      [['', 'as the notice'], ['GREEN', 'TLP:GREEN'], ['AMBER', 'TLP:AMBER']].forEach(function (o) {
        var option = line(tlp, 'option', o[1]);
        option.value = o[0];
      });
      var ask = line(evaluation, 'button', 'Ask ' + (v.partner || 'the partner') + ' instead', 'ask-instead');
      ask.type = 'button';
      ask.id = 'ask-instead';
      ask.addEventListener('click', function () { askInstead(result); });
      sendButton.disabled = true;
      checked = null;
      return;
    }
    // near a tripoint the notice also goes to every other partner whose notice zone it lies in, each evaluating it itself
    var addressees = result.addressees || [];
    if (addressees.length > 1) {
      line(evaluation, 'p', 'Goes to ' + addressees.map(function (a) { return a.partner; }).join(' and ')
          + ': the area lies in the notice zone of each.', 'addressees').id = 'addressees';
      var each = line(evaluation, 'ul', '');
      each.id = 'addressee-evaluations';
      addressees.forEach(function (a) {
        var broken = (a.brokenRules || []).length;
        var clashes = (a.conflicts || []).length;
        line(each, 'li', a.partner + ': ' + (a.fromBorder ? a.fromBorder.km + ' km from its border, ' : '')
            + (a.noticeRequired ? 'notice required' : 'notice not required') + ', '
            + (broken ? broken + ' rule' + (broken > 1 ? 's' : '') + ' broken' : 'no rule broken') + ', '
            + (clashes ? clashes + ' conflict' + (clashes > 1 ? 's' : '') : 'no conflict'), 'addressee')
            .setAttribute('data-partner', a.partner);
      });
    }
    var rules = result.brokenRules || [];
    if (rules.length === 0) {
      line(evaluation, 'p', 'No rule broken.', 'clean').id = 'no-broken-rules';
    } else {
      line(evaluation, 'p', 'Rules broken (' + rules.length + '):');
      var list = line(evaluation, 'ul', '');
      list.id = 'broken-rules';
      rules.forEach(function (r) { line(list, 'li', r.rule + ': ' + r.explanation, 'broken-rule'); });
    }
    var conflicts = result.conflicts || [];
    if (conflicts.length) {
      line(evaluation, 'p', 'Conflicts: ' + conflicts.length + ' (' + conflicts.map(function (c) {
        return c.kind === 'operation' ? 'notice ' + c.notice : 'site ' + c.site;
      }).join(', ') + ')', 'conflicts');
    }
    if (result.noticeRequired === false) {
      line(evaluation, 'p', 'Outside the notification zone: the partner need not be told, but may be.', 'help');
    }
  }

  document.getElementById('notice-dry-run').addEventListener('click', function () {
    var body = notice();
    evaluation.textContent = 'Checking…';
    post('/console/map/notices?dryRun=true', body).then(function (result) {
      show(result);
      evaluation.scrollIntoView({ block: 'end' });
      if (result.outcome === 'sendable') {
        checked = JSON.stringify(body);
        sendButton.disabled = false;
      }
    }, function (e) {
      evaluation.textContent = '';
      line(evaluation, 'p', e.message, 'error');
    });
  });

  sendButton.addEventListener('click', function () {
    var body = notice();
    if (checked !== JSON.stringify(body)) {
      evaluation.textContent = '';
      line(evaluation, 'p', 'The notice changed since the dry run: check it again before sending.', 'error');
      sendButton.disabled = true;
      return;
    }
    sendButton.disabled = true;
    post('/console/map/notices', body).then(function (result) {
      show(result);
      if (result.sent) {
        var to = (result.addressees || []).length > 1 ? result.addressees.map(function (a) { return a.partner; }).join(', ') : body.partner;
        var sent = line(evaluation, 'p', 'Sent to ' + to + ': notice ' + result.notice, 'notice');
        sent.id = 'sent';
        if (drawn) { map.removeLayer(drawn); drawn = null; }
        points = [];
        form.hidden = true;
        checked = null;
        load('notices');
        load('conflicts');
      }
    }, function (e) {
      line(evaluation, 'p', e.message, 'error');
    });
  });

  /* A refused area: the refusal is recorded by sending it for real (it is not sent to the partner), then its
     offer is taken up as a request for action. */
  function askInstead(result) {
    var body = notice();
    var button = document.getElementById('ask-instead');
    button.disabled = true;
    var refused = result.dryRun === false ? Promise.resolve(result) : post('/console/map/notices', body);
    refused.then(function (r) {
      if (r.outcome !== 'refused') { throw new Error('the notice was not refused on sending: check it again'); }
      var tlp = document.getElementById('ask-tlp').value;
      return post('/console/map/notices/' + encodeURIComponent(r.notice) + '/ask-instead' + (tlp ? '?tlp=' + tlp : ''));
    }).then(function (asked) {
      var p = line(evaluation, 'p', 'Request for action opened: ', 'notice');
      p.id = 'asked';
      var a = line(p, 'a', asked.caseId);
      a.href = asked['case'];
    }, function (e) {
      button.disabled = false;
      line(evaluation, 'p', e.message, 'error');
    });
  }
}());
