/* Material's search worker, held back on the tool pages. As a page opens, Material hands its worker the whole site's
   search index to build, about a quarter of a second of one core on an old two-core PC, which is just when the
   page's engine starts on both. On the tool pages (scripts/hooks.py points them here) the index is built once the
   engine is up, or at once when the reader opens the search box (theme.js sends "go"). Material's messages wait
   here until then and are handed on in order; its own worker then runs unchanged, from its own folder.
   The build fills in Material's worker file name. */
"use strict";
(function () {
  var held = [];
  var started = false;
  function hold(event) { held.push(event.data); }
  function start() {
    if (started) return;
    started = true;
    if (channel) channel.close();
    self.removeEventListener("message", hold);
    importScripts("__SEARCH_WORKER__");
    held.splice(0).forEach(function (data) { self.dispatchEvent(new MessageEvent("message", { data: data })); });
  }
  self.addEventListener("message", hold);
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("tisheng-search") : null;
  if (!channel) return start();
  channel.onmessage = function (event) { if (event.data === "go") start(); };
  channel.postMessage("ask"); // a page that has already said "go" says it again
})();
