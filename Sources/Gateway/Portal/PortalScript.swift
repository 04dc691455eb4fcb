/// `/static/portal.js`: uploads files to the REST API with a progress bar. A form with
/// `data-upload="/api/v1/…"` sends its file as the request body, its other fields as the
/// query, and the page's CSRF token in `X-CSRF-Token`; a failure shows the problem's detail.
enum PortalScript {
    static let js = #"""
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
      var meta = document.querySelector('meta[name="csrf-token"]');
      var csrf = meta ? meta.getAttribute("content") : "";
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
