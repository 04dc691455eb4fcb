/// `/static/portal.js`: uploads files to the REST API with a progress bar. A form with
/// `data-upload="/api/v1/…"` sends its file as the request body, its other fields as the
/// query, and the page's CSRF token in `X-CSRF-Token`; a failure shows the problem's detail.
/// It also starts a session from the launch page (`data-launch`, see ``PortalLaunchPages``),
/// follows a running job's events, and takes a browser that is logged on after all from the log-on
/// page to the apps: the log-on cookie is `SameSite=Strict`, so a link from another site (a
/// session's page, which is on a host of its own) arrives without it; this page's own request does
/// carry it. Only ever to `/`: another site must not be able to reach a page that acts on load.
enum PortalScript {
    static let js = #"""
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
      var meta = document.querySelector('meta[name="csrf-token"]');
      var csrf = meta ? meta.getAttribute("content") : "";
      if (document.getElementById("logon-form")) {
        fetch("/api/v1/me", { credentials: "same-origin" }).then(function (response) {
          if (response.ok) window.location.replace("/");
        }).catch(function () {});
      }
      document.querySelectorAll("form[data-upload]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var fileInput = form.querySelector('input[type="file"]');
          var status = form.querySelector(".status");
          var bar = form.querySelector("progress");
          if (!fileInput || !fileInput.files.length) { status.textContent = "Choose a file first."; return; }
          var query = [];
          form.querySelectorAll("input:not([type=file]), select").forEach(function (input) {
            if (input.name && input.value) query.push(encodeURIComponent(input.name) + "=" + encodeURIComponent(input.value));
          });
          var url = form.getAttribute("data-upload") + (query.length ? "?" + query.join("&") : "");
          var xhr = new XMLHttpRequest();
          xhr.open("POST", url);
          xhr.setRequestHeader("Content-Type", "application/octet-stream");
          xhr.setRequestHeader("X-CSRF-Token", csrf);
          xhr.upload.addEventListener("progress", function (e) {
            if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
          });
          xhr.addEventListener("load", function () {
            if (xhr.status >= 200 && xhr.status < 300) {
              bar.value = 100;
              status.className = "status";
              status.textContent = "Uploaded.";
              window.setTimeout(function () { window.location.reload(); }, 300);
            } else {
              var detail = "The upload failed (" + xhr.status + ").";
              try { var problem = JSON.parse(xhr.responseText); if (problem.detail) detail = problem.detail; } catch (e) {}
              status.className = "status bad";
              status.textContent = detail;
              bar.hidden = true;
            }
          });
          xhr.addEventListener("error", function () {
            status.className = "status bad";
            status.textContent = "The upload failed: the connection broke.";
            bar.hidden = true;
          });
          bar.hidden = false;
          bar.value = 0;
          status.className = "status";
          status.textContent = "Uploading…";
          xhr.send(fileInput.files[0]);
        });
      });
      // The launch page starts the session through the API, which answers once it is ready, then
      // opens it in place of this page; a failure is said in words with a way to try again.
      document.querySelectorAll("[data-launch]").forEach(function (card) {
        var state = document.getElementById("launch-state");
        var elapsed = document.getElementById("launch-elapsed");
        var error = document.getElementById("launch-error");
        var actions = document.getElementById("launch-actions");
        var started = Date.now();
        var timer = window.setInterval(function () {
          if (elapsed) elapsed.textContent = Math.round((Date.now() - started) / 1000) + " s";
        }, 1000);
        function fail(text) {
          window.clearInterval(timer);
          card.classList.add("failed");
          if (state) state.textContent = "The app did not start.";
          var heading = document.querySelector("main h1");
          if (heading) heading.textContent = card.getAttribute("data-title") + " did not start";
          if (error) { error.textContent = text; error.hidden = false; }
          if (actions) actions.hidden = false;
          document.title = "Not started · Atrium";
        }
        var body = { app: card.getAttribute("data-launch") };
        if (card.getAttribute("data-version")) body.version = card.getAttribute("data-version");
        if (card.getAttribute("data-case")) body["case"] = card.getAttribute("data-case");
        var xhr = new XMLHttpRequest();
        xhr.open("POST", "/api/v1/sessions");
        xhr.setRequestHeader("Content-Type", "application/json");
        xhr.setRequestHeader("X-CSRF-Token", csrf);
        xhr.addEventListener("load", function () {
          var answer = null;
          try { answer = JSON.parse(xhr.responseText); } catch (e) {}
          if (xhr.status >= 200 && xhr.status < 300 && answer && answer.url) {
            window.clearInterval(timer);
            card.classList.add("ready");
            if (state) state.textContent = "Ready: opening the app…";
            window.location.replace(answer.url);
            return;
          }
          var detail = answer && answer.detail ? answer.detail : "The server answered " + xhr.status + ".";
          if (xhr.status === 429) detail += " (All seats are taken.)";
          fail(detail);
        });
        xhr.addEventListener("error", function () {
          fail("The connection to the server broke while the app was starting. Look under Sessions: it may have started.");
        });
        xhr.send(JSON.stringify(body));
      });
      // A running job's page follows its events: state and progress lines, reload when it ends.
      document.querySelectorAll("[data-events]").forEach(function (card) {
        if (!window.EventSource) return;
        var source = new EventSource(card.getAttribute("data-events"));
        var state = document.getElementById("job-state");
        var progress = document.getElementById("job-progress");
        source.addEventListener("progress", function (e) { if (progress) progress.textContent = e.data; });
        source.addEventListener("state", function (e) {
          if (state) state.textContent = e.data;
          if (["succeeded", "failed", "cancelled"].indexOf(e.data) >= 0) {
            source.close();
            window.setTimeout(function () { window.location.reload(); }, 300);
          }
        });
      });
    });
    """#
}
