/* The ability-point catalog's filter: environment, dimension and 核对情况 (whether a name or dimension still
   awaits checking). Progressive enhancement: the page ships the whole table and a hidden form; this script
   shows the form and hides rows that do not match. Without it, the full table stays readable.
   Plain ES5, no framework, so it runs on the old browsers school PCs still have. */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function bind(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || !table.tBodies.length) return;
    var rows = table.tBodies[0].rows;
    var selects = form.querySelectorAll("select[data-filter]");
    var live = form.querySelector("[aria-live]");

    function matches(row) {
      for (var i = 0; i < selects.length; i++) {
        var want = selects[i].value;
        if (want && row.getAttribute("data-" + selects[i].getAttribute("data-filter")) !== want) return false;
      }
      return true;
    }

    function apply() {
      var shown = 0;
      each(rows, function (row) {
        var ok = matches(row);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = false;
      each(selects, function (s) { if (s.value) filtered = true; });
      live.textContent = filtered
        ? "显示 " + shown + " 项（共 " + rows.length + " 项）。"
        : "显示全部 " + rows.length + " 项。";
      table.setAttribute("data-shown", String(shown));
    }

    each(selects, function (s) {
      s.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0); // after the browser has put the selects back
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      apply();
    });
    form.hidden = false;
    apply();
  }

  function init() {
    each(document.querySelectorAll("form.tg-filter[data-table]"), bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });
  } else {
    init();
  }
})();
