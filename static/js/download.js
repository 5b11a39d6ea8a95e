// Downloads a document (PDF, xlsx) behind a link marked data-download with fetch, so that the page says it is being
// made ("문서를 만드는 중입니다…", then the bytes received, then "내려받기 완료") instead of seeming frozen while the
// server renders it. The messages come from the page (translated there). Without JavaScript, or with a modifier key,
// the link downloads as a plain link.
(function () {
  "use strict";
  var status = document.getElementById("download-status");
  var progress = document.querySelector(".download-progress");
  if (!status || !window.fetch || !window.URL || !URL.createObjectURL) { return; }

  function say(key) { status.textContent = status.dataset[key] || ""; }

  function filenameOf(header, fallback) {
    var star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header || "");
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (ignored) { /* fall through to the plain name */ }
    }
    var plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header || "");
    return plain ? plain[1] : fallback;
  }

  function read(response) {
    var total = parseInt(response.headers.get("Content-Length") || "0", 10);
    if (!response.body || !response.body.getReader || !total) { return response.blob(); }
    var reader = response.body.getReader(), chunks = [], received = 0;
    say("receiving");
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) { return new Blob(chunks, { type: response.headers.get("Content-Type") || "" }); }
        chunks.push(step.value);
        received += step.value.length;
        progress.value = Math.min(100, Math.round(received * 100 / total));
        return pump();
      });
    }
    return pump();
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function fetchDocument(link) {
    link.setAttribute("aria-busy", "true");
    progress.removeAttribute("value");  // indeterminate while the server makes the document
    progress.hidden = false;
    say("working");
    var fallback = decodeURIComponent(link.pathname.split("/").pop() || "document");
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        if (response.redirected || /text\/html/.test(response.headers.get("Content-Type") || "")) {
          window.location.href = link.href;  // not a document (e.g. the session ended): let the browser go there
          return null;
        }
        var name = filenameOf(response.headers.get("Content-Disposition"), fallback);
        return read(response).then(function (blob) { save(blob, name); return true; });
      })
      .then(function (saved) {
        if (saved === null) { return; }
        progress.value = 100;
        say("done");
      })
      .catch(function () {
        progress.hidden = true;
        say("failed");
      })
      .then(function () { link.removeAttribute("aria-busy"); });
  }

  document.querySelectorAll("a[data-download]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      if (link.getAttribute("aria-busy") !== "true") { fetchDocument(link); }
    });
  });
})();
