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
    if (done || window.Tisheng) return; // a tool page loads the engine itself
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
