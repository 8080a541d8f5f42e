/* Every page: when the pointer rests on (or the keyboard reaches) a link to a calculator, fetch the engine's files
   into the HTTP cache, so the calculator starts sooner. Nothing is fetched otherwise: guide pages stay light. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var FILES = __FILES__; // relative to this script, filled in by the build
  if (!here || !document.head || !("relList" in document.createElement("link"))) return;
  var done = false;
  var timer = null;

  function warm() {
    if (done || document.querySelector("[data-tool]")) return; // a tool page loads the engine itself
    done = true;
    if (navigator.connection && navigator.connection.saveData) return;
    FILES.forEach(function (f) {
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.href = new URL(f, here).href;
      document.head.appendChild(link);
    });
  }

  function toolLink(target) {
    var a = target && target.closest ? target.closest("a[href]") : null;
    return a && /(^|\/)tools\/(hours|batch|points|grade|grade-batch|rollout)\/?(\?|#|$)/.test(a.getAttribute("href"));
  }

  document.addEventListener("pointerover", function (e) {
    if (!toolLink(e.target)) return;
    clearTimeout(timer);
    timer = setTimeout(warm, 80); // a pointer passing over is not an intention
  });
  document.addEventListener("pointerout", function (e) {
    if (toolLink(e.target)) clearTimeout(timer);
  });
  document.addEventListener("focusin", function (e) {
    if (toolLink(e.target)) warm();
  });
})();

/* Every page: Material's search reads the box on keyup. A Chinese input method commits a word with compositionend
   and an input event, and some phone keyboards send no keyup at all; pass the committed text on as a keyup. */
(function () {
  "use strict";
  function nudge(e) {
    var box = e.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input") || e.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Process" }));
  }
  document.addEventListener("compositionend", nudge, true);
  document.addEventListener("input", nudge, true);
})();

/* Every page: a table wider than a phone's screen scrolls sideways; say so above it, while it does. */
(function () {
  "use strict";
  var SCROLLERS = ".tg-scroll, .ts-table-wrap, .md-typeset__scrollwrap";
  var queued = false;

  function check() {
    queued = false;
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      // A table in a part of the page not yet drawn (content-visibility: auto) is looked at once it is: measuring it
      // now would lay that whole part out at once.
      if (box.checkVisibility && box.checkVisibility() && !box.checkVisibility({ contentVisibilityAuto: true })) return;
      var wide = box.scrollWidth > box.clientWidth + 2 && box.getClientRects().length > 0;
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("ts-swipe-hint")) {
        if (!wide) return;
        hint = document.createElement("p");
        hint.className = "ts-swipe-hint";
        hint.textContent = "表格较宽：左右滑动查看其余各列 →";
        box.parentNode.insertBefore(hint, box);
      }
      hint.hidden = !wide;
    });
  }
  function queue() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  }
  window.addEventListener("resize", queue);
  document.addEventListener("contentvisibilityautostatechange", queue, true);
  document.addEventListener("DOMContentLoaded", function () {
    queue();
    new MutationObserver(function (records) {
      if (records.some(function (r) { return !(r.target.classList && r.target.classList.contains("ts-swipe-hint")); })) queue();
    }).observe(document.body, { childList: true, subtree: true });
  }, { once: true });
})();
