// onegate — a little plain JavaScript that only enhances the pages (they all work without it).
// The status page (data-live-url) asks the server for its own HTML every few seconds and, when
// the dossier changed, swaps the live part in place and announces the change.
(function () {
  "use strict";
  function startLiveStatus(live) {
    var url = live.getAttribute("data-live-url");
    var seconds = parseInt(live.getAttribute("data-live-seconds"), 10) || 5;
    var note = document.getElementById("live-note");
    if (note) { note.hidden = false; }
    function poll() {
      var request = new XMLHttpRequest();
      request.open("GET", url, true);
      request.setRequestHeader("Accept", "text/html");
      request.setRequestHeader("X-Onegate-Poll", "1");
      request.onload = function () {
        if (request.status === 200) {
          var page = new DOMParser().parseFromString(request.responseText, "text/html");
          var fresh = page.getElementById("dossier-live");
          var current = document.getElementById("dossier-live");
          if (fresh && current && fresh.getAttribute("data-live-version") !== current.getAttribute("data-live-version")) {
            current.replaceWith(document.importNode(fresh, true));
            var region = document.getElementById("live-region");
            if (region) { region.textContent = region.getAttribute("data-updated-text"); }
          }
        }
        window.setTimeout(poll, seconds * 1000);
      };
      request.onerror = function () { window.setTimeout(poll, seconds * 2000); };
      request.send();
    }
    window.setTimeout(poll, seconds * 1000);
  }
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("dossier-live");
    if (live && live.getAttribute("data-live-url")) { startLiveStatus(live); }
    focusErrorSummary();
  });
})();
