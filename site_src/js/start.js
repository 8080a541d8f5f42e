/* Tool pages, from the <head>: the engine's worker starts as soon as the page's first frame is drawn, instead of
   after the page has been parsed and its own scripts have run (0.3 s later on a phone): its downloads, most of a
   first visit's wait, start that much sooner. engine.js takes the worker over, with what it has said so far. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here || typeof Worker !== "function" || typeof requestAnimationFrame !== "function") return;
  // In the frame's own callback: a task queued after it waits behind the rest of the parsing (0.3 s on a phone).
  // Creating the worker costs the page's thread nothing; the worker's loading runs on threads of its own.
  requestAnimationFrame(function () {
    if (window.__tishengEngine) return; // engine.js was first
    var worker;
    try {
      worker = new Worker(new URL("worker.js", here), { type: "module" });
    } catch (err) {
      return; // engine.js tries again, and says why if it cannot
    }
    var said = [];
    worker.onmessage = function (e) { said.push(e); };
    worker.onerror = function (e) { said.push(e); };
    window.__tishengEngine = { worker: worker, said: said };
  });
})();
