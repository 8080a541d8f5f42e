/* What waits for a tool page's engine: the site search's index and Material's own script. Both start once the
   engine is up and the first answer is drawn (engine.js), or at once when the reader reaches for them. */

/* The site search's index is built once the engine is up, so as not to compete with it, or at once when the reader
   opens the search box (workers/search-later.js waits for "go", and asks whether it has been said already).
   html[data-search] says which: "waiting" or "started". */
export var search = {
  channel: typeof BroadcastChannel === "function" ? new BroadcastChannel("tisheng-search") : null,
  go: false,
  /* Once the page is parsed: Material's configuration comes after the page's scripts. */
  init: function () {
    var self = this;
    var config = document.getElementById("__config");
    if (!this.channel || !config || String(JSON.parse(config.textContent).search).indexOf("/search-later.") < 0) {
      return; // this page's search does not wait
    }
    this.channel.onmessage = function (e) { if (e.data === "ask" && self.go) self.channel.postMessage("go"); };
    document.documentElement.setAttribute("data-search", this.go ? "started" : "waiting");
    document.addEventListener("focusin", function (e) {
      if (e.target.closest && e.target.closest(".md-search")) self.start();
    });
    var toggle = document.getElementById("__search");
    if (toggle) toggle.addEventListener("change", function () { self.start(); });
  },
  start: function () {
    if (this.go || !this.channel) return;
    this.go = true;
    this.channel.postMessage("go");
    if (document.documentElement.hasAttribute("data-search")) {
      document.documentElement.setAttribute("data-search", "started");
    }
  },
};

/* Material's script on a tool page (about a tenth of a second of script and layout on an old PC, just as the engine
   starts on both of its cores) runs once the engine is up and the first answer is drawn, or the engine has failed,
   or at once when the reader does anything outside the form: the header, the navigation, a key pressed elsewhere.
   Until then the page has the theme's layout without its behaviour (no search box yet, the navigation scrolls with
   the page); the form works throughout. scripts/hooks.py turns the bundle's tag into a preload (data-theme-later),
   so its bytes are here when it runs. html[data-theme] says "waiting", "started" or "failed". */
export var theme = {
  wanted: false, started: false, link: null,
  init: function () {
    this.link = document.querySelector("link[data-theme-later]");
    if (!this.link) return;
    if (this.wanted) return this.start();
    document.documentElement.setAttribute("data-theme", "waiting");
    var self = this;
    this.outside = function (e) {
      var t = e.target;
      if (t && t.closest && t.closest("[data-tool]")) return;
      if (e.type === "keydown") self.key = e; // a shortcut (/ opens the search): pressed again once the theme runs
      self.start();
    };
    ["pointerdown", "keydown", "focusin"].forEach(function (type) {
      document.addEventListener(type, self.outside, true);
    });
  },
  start: function () {
    this.wanted = true;
    if (this.started || !this.link) return;
    this.started = true;
    var self = this;
    ["pointerdown", "keydown", "focusin"].forEach(function (type) {
      document.removeEventListener(type, self.outside, true);
    });
    var script = document.createElement("script");
    script.src = this.link.href;
    script.async = false;
    // The bundle starts on DOMContentLoaded, which has passed: it is said again, for it (the site's own scripts
    // listen once).
    script.onload = function () {
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
      var k = self.key;
      self.key = null;
      if (k && k.target && k.target.isConnected) {
        k.target.dispatchEvent(new KeyboardEvent("keydown", { key: k.key, code: k.code, ctrlKey: k.ctrlKey,
          shiftKey: k.shiftKey, altKey: k.altKey, metaKey: k.metaKey, bubbles: true, cancelable: true }));
      }
      document.documentElement.setAttribute("data-theme", "started");
    };
    script.onerror = function () { document.documentElement.setAttribute("data-theme", "failed"); };
    document.body.appendChild(script);
  },
};
