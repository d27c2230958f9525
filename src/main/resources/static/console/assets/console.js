// Concord console: CSRF header for htmx, live countdowns, and the event stream that keeps the desk current.
// No build step; served as is from /console/assets/console.js (docs/console.md).
(function () {
  'use strict';
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  var csrfToken = document.querySelector('meta[name="_csrf"]');
  document.body.addEventListener('htmx:configRequest', function (e) {
    if (csrfHeader && csrfToken) {
      e.detail.headers[csrfHeader.content] = csrfToken.content;
    }
  });

  // The server's clock, not the browser's: the offset between them is taken from the fragment's data-server-now.
  var offset = 0;
  function takeOffset() {
    var cases = document.querySelector('[data-server-now]');
    var serverNow = cases && Date.parse(cases.getAttribute('data-server-now'));
    if (serverNow) {
      offset = serverNow - Date.now();
    }
  }
  function readable(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    if (d > 0) { return d + 'd ' + h + 'h'; }
    if (h > 0) { return h + 'h ' + m + 'm'; }
    return m + 'm ' + (sec < 10 ? '0' : '') + sec + 's';
  }
  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll('time[data-due]').forEach(function (t) {
      var left = Date.parse(t.getAttribute('data-due')) - now;
      t.textContent = left >= 0 ? readable(left) + ' left' : 'overdue ' + readable(left);
      t.classList.toggle('overdue', left < 0);
      t.classList.toggle('soon', left >= 0 && left < 15 * 60 * 1000);
    });
  }

  // Incoming FLASH calls awaiting us: alert for each one that was not on the desk before.
  var seen = {};
  function flashes() {
    return Array.prototype.slice.call(document.querySelectorAll('tr[data-flash="true"]'));
  }
  function remember() {
    flashes().forEach(function (row) { seen[row.getAttribute('data-case-id')] = true; });
  }
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    } catch (e) { /* no sound allowed yet: the visible alert stays */ }
  }
  function raise(title, text) {
    var box = document.getElementById('alert');
    box.textContent = title + ': ' + text;
    box.setAttribute('dir', 'auto');
    box.hidden = false;
    beep();
    if ('Notification' in window && Notification.permission === 'granted') {
      new Notification('Concord: ' + title, { body: text });
    }
  }
  function alertNew() {
    var fresh = flashes().filter(function (row) { return !seen[row.getAttribute('data-case-id')]; });
    if (fresh.length > 0) {
      fresh.forEach(function (row) { row.classList.add('new'); });
      raise('FLASH from the partner', fresh.map(function (row) {
        return row.querySelector('.summary').textContent;
      }).join(' · '));
      remember();
    }
    escalated.forEach(function (caseId) {
      var row = document.querySelector('tr[data-case-id="' + caseId + '"]');
      if (row) {
        row.classList.add('new');
        raise('The partner escalated', row.getAttribute('data-type') + ' — ' + row.querySelector('.summary').textContent
            + ' (now ' + row.querySelector('.level').textContent + ')');
      }
    });
    escalated = [];
  }
  // cases the partner escalated since the last refresh (from the event stream), alerted once the desk shows them
  var escalated = [];

  // the case page (docs/console.md, "Case pages") reads its live part again when its own case changed
  var casePage = document.getElementById('case');
  // One read of a live part at a time, and one more if a change came while it was under way. htmx queues a request
  // made while another is in flight and sends it, after the first answer, into the element it was aimed at then; the
  // first answer has replaced that element (outerHTML), so the queued read changed nothing on the page and a change
  // heard meanwhile (a receipt signed just after the message it is for was stored; a second call) was lost until the
  // next. Each read here finds its target by id when it is sent.
  var reading = {};
  // What the last answer for each live part held, without the server's clock: an answer that brings the same again
  // leaves the part as it is (the countdowns, the marks the script set and what the officer is looking at stay).
  var shown = {};
  function withoutClock(html) {
    return String(html).replace(/\sdata-server-now="[^"]*"/, '');
  }
  document.body.addEventListener('htmx:beforeSwap', function (e) {
    var target = e.detail.target;
    var key = target && target.id ? '#' + target.id : null;
    if (!key || !(key in reading) || !e.detail.shouldSwap) { return; }
    var answer = withoutClock(e.detail.serverResponse);
    if (shown[key] === answer) {
      e.detail.shouldSwap = false;
    } else {
      shown[key] = answer;
      typed = edited(target);
    }
  });
  // What the officer typed into a live part's fields (an acknowledgement's name, a reason) is put back into the same
  // fields after the part is replaced; a field nobody edited takes what the server sends. htmx keeps the focus. A
  // folded section the officer opened (a case's details) stays open.
  var typed = [];
  function edited(part) {
    var found = [];
    part.querySelectorAll('details[id][open]').forEach(function (section) {
      found.push({ id: section.id, open: true });
    });
    part.querySelectorAll('input[id], textarea[id], select[id]').forEach(function (field) {
      if (field.type === 'hidden') { return; }
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked !== field.defaultChecked) { found.push({ id: field.id, checked: field.checked }); }
      } else if (field.tagName === 'SELECT') {
        var changed = Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
        if (changed) { found.push({ id: field.id, value: field.value }); }
      } else if (field.value !== field.defaultValue) {
        found.push({ id: field.id, value: field.value });
      }
    });
    return found;
  }
  document.body.addEventListener('htmx:afterSwap', function () {
    var restore = typed;
    typed = [];
    restore.forEach(function (was) {
      var field = document.getElementById(was.id);
      if (!field) { return; }
      if ('open' in was) {
        field.open = was.open;
      } else if ('checked' in was) {
        field.checked = was.checked;
      } else {
        field.value = was.value;
      }
    });
  });
  function read(url, target) {
    if (reading[target]) {
      reading[target] = 'again';
      return;
    }
    reading[target] = 'busy';
    var done = function () {
      var again = reading[target] === 'again';
      reading[target] = null;
      if (again) { read(url, target); }
    };
    var loaded = htmx.ajax('GET', url, { target: target, swap: 'outerHTML' });
    if (loaded && loaded.then) { loaded.then(done, done); } else { reading[target] = null; }
  }
  function refresh(change) {
    if (!window.htmx) { return; }
    // any other page's live part names its fragment's address and the case types it shows (data-live-url, data-live-types)
    var part = document.querySelector('[data-live-url]');
    if (part && part.id) {
      var types = (part.getAttribute('data-live-types') || '').split(' ');
      if (!change || !change.type || types.indexOf(change.type) >= 0) {
        read(part.getAttribute('data-live-url'), '#' + part.id);
      }
      return;
    }
    if (casePage) {
      if (!change || change.caseId === casePage.getAttribute('data-case-id')) {
        read('/console/cases/' + encodeURIComponent(casePage.getAttribute('data-case-id')) + '/live', '#case-live');
      }
      return;
    }
    read('/console/desk/cases', '#cases');
  }
  // a form is sent once: its button is disabled at the first submit (the server also takes each form id once)
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.getAttribute('data-sent') === 'true') {
      e.preventDefault();
      return;
    }
    form.setAttribute('data-sent', 'true');
    form.querySelectorAll('button[type="submit"]').forEach(function (b) {
      setTimeout(function () { b.disabled = true; }, 0);
    });
  });
  document.body.addEventListener('htmx:afterSettle', function () {
    takeOffset();
    tick();
    alertNew();
  });

  function listen() {
    if (!window.EventSource || !(document.getElementById('cases') || casePage || document.querySelector('[data-live-url]')
        || document.querySelector('[data-live-events]'))) { return; }
    var live = document.getElementById('live');
    var source = new EventSource('/console/events');
    source.addEventListener('hello', function () { if (live) { live.classList.add('on'); } });
    source.addEventListener('case', function (e) {
      try {
        var change = JSON.parse(e.data);
        if (change.direction === 'RECEIVED' && /^escalat/.test(change.messageType)) {
          escalated.push(change.caseId);
        }
      } catch (ignored) { /* an event it cannot read still means: read the desk again */ }
      // a page that reads its own data (the map: data-live-events) hears of each change from the same stream
      document.dispatchEvent(new CustomEvent('concord:case', { detail: change || {} }));
      if (document.querySelector('[data-live-events]') && !document.querySelector('[data-live-url]')) { return; }
      refresh(change);
    });
    source.onerror = function () { if (live) { live.classList.remove('on'); } };
  }

  document.addEventListener('click', function () {
    if ('Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission();
    }
  }, { once: true });

  takeOffset();
  remember();
  tick();
  setInterval(tick, 1000);
  listen();
  // the desk's alarms come with time as well as with events (a partner that stops answering): its part is read every 30 s
  if (document.getElementById('alarms') && document.getElementById('cases')) {
    setInterval(function () { if (window.htmx) { read('/console/desk/cases', '#cases'); } }, 30000);
  }
})();
