// Concord console, the hotline page (docs/console.md, "Hotline"): the conversation stays scrolled to its newest call,
// and an incoming FLASH nobody has acknowledged takes the keyboard: its Acknowledge button gets the focus (Enter
// acknowledges; Alt+A reaches it from anywhere), unless the officer is typing in a form. The live refresh itself is
// console.js's. No build step.
(function () {
  'use strict';
  var alerted = {};
  var atBottom = true;
  var top = 0;

  function scroller() {
    return document.querySelector('#conversation .scroll');
  }
  function typing() {
    var a = document.activeElement;
    return a && a !== document.body && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT')
        && !(a.closest && a.closest('#conversation'));
  }
  function focusFlash(first) {
    var button = document.querySelector('#conversation button[data-focus="true"]');
    if (!button) { return; }
    var call = button.closest('li.call');
    var id = call.getAttribute('data-call-id');
    if (!alerted[id]) {
      alerted[id] = true;
      var box = document.getElementById('alert');
      if (box) {
        box.setAttribute('dir', 'auto');
        box.textContent = 'FLASH from ' + call.querySelector('.from').textContent + ' (' + call.querySelector('.post').textContent
            + ', ' + call.querySelector('.party').textContent + '): ' + call.querySelector('.text').textContent
            + ' (Enter on its Acknowledge button, or Alt+A, acknowledges it)';
        box.hidden = false;
      }
      // a page opened on a form error keeps its focus where the error is
      if (!typing() && !(first && document.querySelector('.field-error'))) {
        button.focus();
      }
    }
  }
  function toBottom() {
    var s = scroller();
    if (s && !location.hash) {
      s.scrollTop = s.scrollHeight;
    } else if (s && location.hash) {
      var target = document.getElementById(location.hash.substring(1));
      if (target && s.contains(target)) {
        s.scrollTop = target.offsetTop - s.offsetTop - 8;
      }
    }
  }

  document.body.addEventListener('htmx:beforeSwap', function () {
    var s = scroller();
    atBottom = !s || s.scrollHeight - s.scrollTop - s.clientHeight < 40;
    top = s ? s.scrollTop : 0;
  });
  document.body.addEventListener('htmx:afterSettle', function () {
    var s = scroller();
    if (s) {
      s.scrollTop = atBottom ? s.scrollHeight : top;
    }
    focusFlash(false);
  });

  toBottom();
  focusFlash(true);
})();
