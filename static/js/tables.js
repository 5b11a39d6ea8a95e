// A table wider than its box scrolls sideways inside itself (app.css); this puts a hint above each such table
// and a shadow at the edge that still hides columns, so that a figure cut at the edge ("10,8") is not taken for
// the whole figure. Checked again when the window changes size. The page works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var text = (script && script.dataset.hint) || "";

  // The table scrolls itself (display: block on narrow screens) or, in a .table-scroll wrapper, the wrapper does.
  function box(table) {
    var wrapper = table.closest(".table-scroll");
    return wrapper && wrapper.scrollWidth > wrapper.clientWidth + 1 ? wrapper : table;
  }

  function edge(scroller) {
    var atEnd = scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 1;
    scroller.classList.toggle("is-scrolled-end", atEnd);
  }

  function mark(table) {
    var scroller = box(table);
    var wide = scroller.scrollWidth > scroller.clientWidth + 1;
    var hint = scroller.previousElementSibling;
    var hinted = hint && hint.classList.contains("scroll-hint");
    scroller.classList.toggle("is-scrollable", wide);
    if (wide && !hinted) {
      hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");  // for the eye: a screen reader reads every cell anyway
      hint.textContent = text;
      scroller.parentNode.insertBefore(hint, scroller);
    } else if (!wide && hinted) {
      hint.remove();
    }
    if (wide && !scroller.dataset.edgeWatched) {
      scroller.dataset.edgeWatched = "1";
      scroller.addEventListener("scroll", function () { edge(scroller); }, { passive: true });
    }
    edge(scroller);
  }

  function markAll() { document.querySelectorAll("table.data-table, table.budget-table").forEach(mark); }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markAll, 150);
  });
  markAll();
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(markAll); }
})();
