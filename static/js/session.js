// Warns before a signed-in session ends for inactivity and lets the person extend it (KWCAG 2.2 "응답시간 조절").
// The server decides (geumcheon_jobs/session_timeout.py); this page only keeps a clock, asks the server before it
// warns or gives up (another tab may have kept the session alive), and goes to the login page when it has ended.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var data = dialog.dataset;
  var warning = parseInt(data.warning, 10) * 1000;
  var deadline = Date.now() + parseInt(data.timeout, 10) * 1000;
  var text = dialog.querySelector("[data-remaining-text]");
  var announcer = dialog.querySelector("[data-announce]");
  var outside = document.getElementById("session-timeout-live");
  var extendForm = dialog.querySelector("form[data-extend]");
  var extendButton = extendForm.querySelector("button");
  var busy = false;
  var returnFocus = null;
  var lastAnnounced = null;

  function remaining(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    var pattern = minutes ? data.formatMinutes : data.formatSeconds;
    return pattern.replace("{minutes}", minutes).replace("{seconds}", seconds);
  }

  function message(ms) { return data.message.replace("{remaining}", remaining(ms)); }

  function expire() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(data.loginUrl + "?next=" + encodeURIComponent(next));
  }

  function show(ms) {
    text.textContent = message(ms);
    var total = Math.ceil(ms / 1000);
    // Screen readers hear the time when the dialog opens, then each whole minute and at 30 and 10 seconds.
    var mark = total % 60 === 0 || total === 30 || total === 10 ? total : null;
    if (lastAnnounced === null || (mark !== null && mark !== lastAnnounced)) {
      announcer.textContent = message(ms);
      lastAnnounced = mark === null ? total : mark;
    }
  }

  function open() {
    if (dialog.open) { return; }
    returnFocus = document.activeElement;
    lastAnnounced = null;
    show(deadline - Date.now());
    dialog.showModal();
    extendButton.focus();
  }

  function close() {
    if (!dialog.open) { return; }
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") { returnFocus.focus(); }
  }

  function settle(response) {
    if (response.status === 401 || response.redirected || !response.ok) { expire(); return null; }
    return response.json();
  }

  function apply(state) {
    if (!state) { return; }
    deadline = Date.now() + state.expires_in * 1000;
    if (state.expires_in * 1000 > warning) { close(); } else { open(); }
  }

  function ask(request) {
    return request.then(settle).then(apply).catch(function () { return null; });
  }

  function check() {
    if (busy) { return; }  // one status question at a time
    busy = true;
    ask(fetch(data.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } }))
      .then(function () { busy = false; });
  }

  function extend() {
    var body = new FormData(extendForm);
    var request = fetch(extendForm.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": body.get("csrfmiddlewaretoken") },
      body: body,
    });
    ask(request).then(function () {
      if (dialog.open) { return; }
      outside.textContent = "";  // emptied first, so that a second extension is announced again
      window.setTimeout(function () { outside.textContent = data.extended; }, 100);
    });
  }

  extendForm.addEventListener("submit", function (event) { event.preventDefault(); extend(); });
  // Esc answers the warning the way most people mean it: "I am still here".
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); extend(); });

  window.setInterval(function () {
    var left = deadline - Date.now();
    if (dialog.open) { show(left); }
    if (left <= 0 || (left <= warning && !dialog.open)) { check(); }
  }, 1000);
})();
