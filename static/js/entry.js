// Shows the cumulative and the achievement rate as the clerk types; the page works without it.
(function () {
  "use strict";
  function parse(text) {
    var clean = String(text || "").replace(/[,\s]/g, "");
    return /^\d+$/.test(clean) ? parseInt(clean, 10) : null;
  }
  function format(n) { return n.toLocaleString("ko-KR"); }
  function rate(part, whole) {
    if (!whole) { return "—"; }
    var tenths = Math.floor((part * 1000 * 2 + whole) / (2 * whole));  // half-up, as on the server
    return (tenths / 10).toFixed(1) + "%";
  }
  document.querySelectorAll("input.num-input").forEach(function (input) {
    input.addEventListener("input", function () {
      var row = input.closest("tr");
      var before = parseInt(input.dataset.before || "0", 10);
      var target = parseInt(input.dataset.target || "0", 10);
      var value = parse(input.value);
      var cumulative = before + (value || 0);
      row.querySelector("[data-cumulative]").textContent = format(cumulative);
      row.querySelector("[data-rate]").textContent = rate(cumulative, target);
    });
  });
})();
