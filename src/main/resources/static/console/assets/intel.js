// The intelligence page: the form shows the fields of the chosen type; a bundle is uploaded as the
// request body, then its import is followed over server-sent events (validated, stored, the result).
(function () {
  'use strict';
  function csrf() {
    var h = document.querySelector('meta[name=_csrf_header]'), t = document.querySelector('meta[name=_csrf]');
    var headers = {};
    if (h && t) { headers[h.content] = t.content; }
    return headers;
  }

  function showFieldsOf(form) {
    var type = form.querySelector('#f-type').value;
    form.querySelectorAll('label[data-for]').forEach(function (label) {
      label.hidden = label.getAttribute('data-for').split(' ').indexOf(type) < 0;
    });
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) { el.className = cls; }
    return el;
  }

  function showResult(state, box, counts) {
    box.textContent = '';
    window.intelUploadResult = state;
    if (state.outcome === 'stored') {
      counts.textContent = 'All ' + state.total + ' objects stored (' + state.stored + ' new or changed).';
      box.appendChild(text('p', 'Done: all stored.', 'notice stored'));
      return;
    }
    counts.textContent = 'Nothing stored.';
    box.appendChild(text('p', 'Nothing was stored: ' + (state.refusedCount || state.errors.length) + ' object(s) refused.', 'error refused'));
    var table = document.createElement('table');
    table.id = 'upload-errors';
    var head = table.createTHead().insertRow();
    ['Object', 'Field', 'Rule'].forEach(function (h) { var th = text('th', h); th.scope = 'col'; head.appendChild(th); });
    var body = table.createTBody();
    (state.errors || []).forEach(function (e) {
      var row = body.insertRow();
      row.className = 'upload-error';
      row.setAttribute('data-object', e.object);
      row.setAttribute('data-field', e.field);
      row.insertCell().textContent = e.object;
      row.insertCell().textContent = e.field;
      row.insertCell().textContent = e.rule;
    });
    box.appendChild(table);
  }

  function follow(job, bar, phase, counts, box, button) {
    window.intelUploadEvents = [];
    var source = new EventSource('/console/intel/bundles/' + encodeURIComponent(job) + '/events');
    function on(e) {
      var state = JSON.parse(e.data);
      state.event = e.type;
      window.intelUploadEvents.push(state);
      if (state.total > 0) {
        bar.max = state.total;
        bar.value = state.validated;
      }
      if (e.type === 'done') {
        source.close();
        bar.value = bar.max;
        phase.textContent = state.outcome === 'stored' ? 'Stored' : 'Refused';
        showResult(state, box, counts);
        button.disabled = false;
        return;
      }
      phase.textContent = state.phase === 'storing' ? 'Storing' : 'Validating';
      counts.textContent = state.validated + ' of ' + state.total + ' objects validated';
    }
    source.addEventListener('progress', on);
    source.addEventListener('done', on);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var objectForm = document.getElementById('object-form');
    if (objectForm) {
      showFieldsOf(objectForm);
      objectForm.querySelector('#f-type').addEventListener('change', function () { showFieldsOf(objectForm); });
    }
    var upload = document.getElementById('upload-form');
    if (!upload) { return; }
    upload.addEventListener('submit', function (e) {
      e.preventDefault();
      e.stopPropagation();
      var file = document.getElementById('bundle-file').files[0];
      var status = document.getElementById('upload-status'), bar = document.getElementById('upload-progress');
      var phase = document.getElementById('upload-phase'), counts = document.getElementById('upload-counts');
      var box = document.getElementById('upload-result'), button = document.getElementById('upload');
      status.hidden = false;
      box.textContent = '';
      if (!file) { counts.textContent = 'Choose a bundle file first.'; return; }
      if (file.size > Number(upload.getAttribute('data-max'))) {
        counts.textContent = 'The file has ' + file.size + ' bytes; at most ' + upload.getAttribute('data-max') + ' are accepted.';
        return;
      }
      button.disabled = true;
      phase.textContent = 'Uploading';
      bar.max = 100; bar.value = 0;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', upload.getAttribute('action'));
      var headers = csrf();
      Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.upload.addEventListener('progress', function (p) {
        if (p.lengthComputable) { bar.max = p.total; bar.value = p.loaded; counts.textContent = p.loaded + ' of ' + p.total + ' bytes sent'; }
      });
      xhr.onload = function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { /* not JSON */ }
        if (xhr.status === 202 && answer.job) {
          phase.textContent = 'Validating';
          bar.value = 0;
          follow(answer.job, bar, phase, counts, box, button);
        } else {
          button.disabled = false;
          counts.textContent = 'Refused (' + xhr.status + '): ' + (answer.detail || xhr.statusText);
        }
      };
      xhr.onerror = function () { button.disabled = false; counts.textContent = 'The upload failed.'; };
      xhr.send(file);
    }, true);
  });
})();
