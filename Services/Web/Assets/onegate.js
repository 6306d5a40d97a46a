// onegate — a little plain JavaScript that only enhances the pages (they all work without it).
// The status page (data-live-url) asks the server for its own HTML every few seconds and, when
// the dossier changed, swaps the live part in place and announces the change. On the online
// submission form, a chosen file is uploaded at once (POST /uploads) with a progress bar; the
// form then carries the stored document's id instead of the file.
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
  function hiddenInput(form, name) {
    var found = null;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=hidden]"), function (input) {
      if (input.name === name) { found = input; }
    });
    if (!found) {
      found = document.createElement("input");
      found.type = "hidden";
      found.name = name;
      form.appendChild(found);
    }
    return found;
  }
  function startUploads(form) {
    var messages = document.getElementById("upload-messages");
    var button = document.getElementById("continue-button");
    var pending = 0;
    function text(name) { return messages ? messages.getAttribute("data-" + name) : ""; }
    function settle(change) {
      pending += change;
      if (button) { button.disabled = pending > 0; }
    }
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file][data-upload]"), function (input) {
      var field = input.closest(".upload-field");
      var progress = field ? field.querySelector(".upload-progress") : null;
      var status = field ? field.querySelector(".upload-status") : null;
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) { return; }
        var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
        if (limit && file.size > limit) { status.textContent = text("too-large"); return; }
        var request = new XMLHttpRequest();
        request.open("POST", form.getAttribute("data-upload-url"), true);
        request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
        request.setRequestHeader("X-Filename", encodeURIComponent(file.name));
        request.setRequestHeader("X-CSRF-Token", form.querySelector("input[name=csrf]").value);
        request.setRequestHeader("Accept", "application/json");
        progress.hidden = false;
        progress.value = 0;
        status.textContent = text("uploading");
        settle(1);
        request.upload.onprogress = function (event) {
          if (event.lengthComputable) { progress.value = Math.round(event.loaded * 100 / event.total); }
        };
        request.onload = function () {
          settle(-1);
          if (request.status === 201) {
            var stored = JSON.parse(request.responseText);
            hiddenInput(form, input.getAttribute("data-doc-field")).value = stored.id;
            hiddenInput(form, input.getAttribute("data-doc-name-field")).value = stored.filename;
            progress.value = 100;
            status.textContent = text("done") + " " + stored.filename;
            input.value = "";
          } else {
            progress.hidden = true;
            status.textContent = text("failed");
          }
        };
        request.onerror = function () {
          settle(-1);
          progress.hidden = true;
          status.textContent = text("failed");
        };
        request.send(file);
      });
    });
  }
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("dossier-live");
    if (live && live.getAttribute("data-live-url")) { startLiveStatus(live); }
    var submission = document.getElementById("submission-form");
    if (submission && submission.getAttribute("data-upload-url")) { startUploads(submission); }
    focusErrorSummary();
  });
})();
// The workspace's work queue (#queue-live): re-read every data-live-seconds with fetch and, when
// its version changed (new work, a count moved), swap the list in place and say so politely. A
// page that is not the queue any more (the session ended: the sign-in page) is left alone.
(function () {
  "use strict";
  function refreshQueue(live) {
    var seconds = parseInt(live.getAttribute("data-live-seconds"), 10) || 5;
    var note = document.getElementById("queue-live-note");
    if (note) { note.hidden = false; }
    var again = function (factor) { window.setTimeout(tick, seconds * 1000 * factor); };
    function tick() {
      var current = document.getElementById("queue-live");
      fetch(current.getAttribute("data-live-url"), {
        credentials: "same-origin", headers: { "Accept": "text/html", "X-Onegate-Poll": "1" }
      }).then(function (answer) {
        return answer.ok ? answer.text() : "";
      }).then(function (html) {
        var fresh = html ? new DOMParser().parseFromString(html, "text/html").getElementById("queue-live") : null;
        if (fresh && fresh.getAttribute("data-live-version") !== current.getAttribute("data-live-version")) {
          // Keep the keyboard where it was: the same tab, link or button in the new list.
          var focused = current.contains(document.activeElement) ? document.activeElement : null;
          var href = focused && focused.getAttribute("href");
          current.replaceWith(document.importNode(fresh, true));
          var target = focused && (focused.id ? document.getElementById(focused.id)
            : href ? document.querySelector("#queue-live a[href=\"" + href.replace(/"/g, "") + "\"]") : null);
          if (target) { target.focus(); }
          var region = document.getElementById("live-region");
          if (region) { region.textContent = region.getAttribute("data-updated-text"); }
        }
        again(1);
      }, function () { again(2); });
    }
    again(1);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var live = document.getElementById("queue-live");
    if (live && live.getAttribute("data-live-url") && window.fetch) { refreshQueue(live); }
  });
})();
// A form that sends its files with the form itself (form[data-progress], the supplement page):
// the files go with XMLHttpRequest so a progress bar can show how much is sent; the answer then
// takes the page's place as the browser would have shown it (the page after the redirect, or the
// form again with its errors). Without JavaScript the form posts as usual.
(function () {
  "use strict";
  function sendWithProgress(form) {
    form.addEventListener("submit", function (event) {
      var files = form.querySelectorAll("input[type=file]");
      var chosen = Array.prototype.some.call(files, function (input) { return input.files && input.files.length > 0; });
      var progress = form.querySelector("progress");
      if (!chosen || !progress || !window.FormData) { return; }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      progress.hidden = false;
      progress.value = 0;
      var request = new XMLHttpRequest();
      request.open("POST", form.action, true);
      request.upload.onprogress = function (sent) {
        if (sent.lengthComputable) { progress.value = Math.round(sent.loaded * 100 / sent.total); }
      };
      request.onload = function () {
        if (request.responseURL && request.responseURL !== form.action && request.status < 400) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      };
      request.onerror = function () {
        progress.hidden = true;
        if (button) { button.disabled = false; }
        form.submit();
      };
      request.send(new FormData(form));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-progress]"), sendWithProgress);
  });
})();
