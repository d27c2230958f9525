// The screening page: an analyst's watchlist import. The file goes as the request's body, with the media type
// its name says (.csv is CSV, anything else the UN's XML), to POST /console/screening/lists/{source}; the answer
// (what was added, changed, delisted) or the refusal, next to the field it names, shows without leaving the page.
(function () {
  'use strict';
  function csrf() {
    var header = document.querySelector('meta[name="_csrf_header"]'), token = document.querySelector('meta[name="_csrf"]');
    var headers = {};
    if (header && token) { headers[header.content] = token.content; }
    return headers;
  }
  function showError(fieldId, text) {
    ['import-source-error', 'import-file-error'].forEach(function (id) {
      var e = document.getElementById(id);
      e.hidden = id !== fieldId;
      e.textContent = id === fieldId ? text : '';
      var input = document.getElementById(id.replace('-error', ''));
      if (id === fieldId) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('import-form');
    if (!form) { return; }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      e.stopPropagation();
      var status = document.getElementById('import-status'), button = document.getElementById('import-button');
      var source = document.getElementById('import-source').value.trim();
      var file = document.getElementById('import-file').files[0];
      status.textContent = '';
      if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(source)) {
        showError('import-source-error', 'pattern: a list name is 1 to 60 lower-case letters, digits and hyphens');
        return;
      }
      if (!file) { showError('import-file-error', 'required: choose the list\'s file'); return; }
      if (file.size > Number(form.getAttribute('data-max'))) {
        showError('import-file-error', 'max-import-bytes: the file has ' + file.size + ' bytes; at most '
          + form.getAttribute('data-max') + ' are accepted');
        return;
      }
      showError(null, '');
      button.disabled = true;
      status.textContent = 'Importing ' + file.name + ' as ' + source + '…';
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action') + '/' + encodeURIComponent(source));
      var headers = csrf();
      Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
      xhr.setRequestHeader('Content-Type', /\.csv$/i.test(file.name) ? 'text/csv' : 'application/xml');
      xhr.onload = function () {
        button.disabled = false;
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (ignored) { /* not JSON */ }
        if (xhr.status === 200) {
          status.setAttribute('data-imported', answer.source);
          status.textContent = 'Imported ' + answer.source + ': ' + answer.entries + (answer.entries === 1 ? ' entry' : ' entries')
            + ' listed; ' + answer.added + ' added, '
            + answer.changed + ' changed, ' + answer.delisted + ' delisted, ' + answer.relisted + ' listed again'
            + (answer.skipped && answer.skipped.length ? '; ' + answer.skipped.length + ' skipped' : '') + '.';
        } else if (answer.field) {
          showError(answer.field === 'source' ? 'import-source-error' : 'import-file-error', answer.rule + ': ' + answer.detail);
          status.textContent = 'Refused (' + xhr.status + '); nothing was changed.';
        } else {
          status.textContent = 'Refused (' + xhr.status + '): ' + (answer.detail || xhr.statusText) + '; nothing was changed.';
        }
      };
      xhr.onerror = function () { button.disabled = false; status.textContent = 'The import could not be sent.'; };
      xhr.send(file);
    }, true);
  });
})();
