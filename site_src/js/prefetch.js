/* Guide pages (every page but a calculator's): once the page has loaded and the browser is idle, fetch the engine's
   files into the HTTP cache, one at a time and at low priority, so that the calculator a teacher opens next answers
   without waiting for the network (they are under versioned, cache-forever paths). Nothing is fetched when the
   browser asks to save data or reports a 2G or mobile-data connection; a calculator page loads the engine itself.
   html[data-prefetch] says "fetching" or "done" (for the benchmark and the tests). No user input is involved. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var FILES = __FILES__; // relative to this script, in the order the worker needs them; filled in by the build
  if (!here || !window.fetch || !window.URL) return;
  var root = document.documentElement;

  function unwelcome() {
    var c = navigator.connection;
    return !!c && (c.saveData || /(^|-)2g$/.test(c.effectiveType || "") || c.type === "cellular");
  }
  function later(fn) {
    if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 5000 });
    else setTimeout(fn, 200);
  }
  function start() {
    if (document.querySelector("[data-tool]") || unwelcome()) return;
    root.setAttribute("data-prefetch", "fetching");
    var i = 0;
    (function next() {
      if (i >= FILES.length || unwelcome()) {
        root.setAttribute("data-prefetch", "done");
        return;
      }
      fetch(new URL(FILES[i++], here).href, { priority: "low", credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
        .then(function () { later(next); }, function () { root.setAttribute("data-prefetch", "done"); });
    })();
  }
  if (document.readyState === "complete") later(start);
  else window.addEventListener("load", function () { later(start); }, { once: true });
})();
