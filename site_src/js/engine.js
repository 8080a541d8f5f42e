/* The engine client: one worker per page (worker.js, the Python engine), shared by everything on the page; replies
   are matched to calls by id. html[data-engine] says "loading", "ready" or "failed". */
import { search, theme } from "./theme.js";

export var engine = {
  worker: null, seq: 0, pending: {}, queue: [], ready: false, failed: null, listeners: [], shapers: [], painted: false,
  start: function () {
    if (this.worker || this.failed) return;
    var self = this;
    var early = window.__tishengEngine; // started by start.js at the first frame
    /* Start Python only once the page has drawn its first frame: compiling and restoring the engine keeps both
       cores of an old PC busy, and the form must be on screen and take typing first. Calls wait in the queue. */
    if (!early && !this.painted) {
      if (!this.waiting) {
        this.waiting = true;
        requestAnimationFrame(function () {
          setTimeout(function () { self.painted = true; self.start(); }, 0);
        });
      }
      return;
    }
    try {
      this.worker = early ? early.worker : new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    } catch (err) {
      return this.fail("浏览器不支持后台计算（模块 Web Worker）。请使用较新的浏览器，如 Chrome、Edge 或 360 极速模式");
    }
    window.__tishengEngine = { worker: this.worker, said: [] }; // start.js starts no second one
    this.worker.onmessage = function (e) {
      var msg = e.data;
      if (msg.type === "started") {
        document.documentElement.setAttribute("data-engine-start", msg.snapshot ? "snapshot" : "plain");
      } else if (msg.type === "ready") {
        self.ready = true;
        self.emit();
        offline();
        search.start();
        self.idle();
      } else if (msg.type === "failed") {
        self.fail("计算引擎无法启动：" + msg.message);
      } else if (msg.type === "progress" && self.pending[msg.id]) {
        if (self.pending[msg.id].onProgress) self.pending[msg.id].onProgress(msg.done, msg.total);
      } else if (msg.type === "part" && self.pending[msg.id]) {
        gatherPart(self.pending[msg.id].parts, msg);
      } else if (msg.type === "reply" && self.pending[msg.id]) {
        var p = self.pending[msg.id];
        delete self.pending[msg.id];
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(joinParts(msg, p.parts));
        self.idle();
      }
    };
    this.worker.onerror = function (e) {
      self.fail("计算引擎无法启动（" + (e.message || "脚本错误") + "）");
    };
    if (early) {
      early.said.splice(0).forEach(function (e) {
        (e.type === "error" ? self.worker.onerror : self.worker.onmessage)(e);
      });
    }
    this.queue.splice(0).forEach(function (item) { self.worker.postMessage(item[0], item[1]); });
  },
  fail: function (message) {
    search.start();
    theme.start();
    this.failed = message + "。请刷新页面重试；若仍失败，请联系网站管理员。";
    var pending = this.pending;
    this.pending = {};
    Object.keys(pending).forEach(function (id) { pending[id].reject(new Error(message)); });
    this.emit();
  },
  /* Up, and every answer asked for so far drawn and painted: the theme's script may run (theme.js). */
  idle: function () {
    if (!this.ready || theme.started || Object.keys(this.pending).length) return;
    requestAnimationFrame(function () { setTimeout(function () { theme.start(); }, 0); });
  },
  /* `onProgress(done, total)`, if given, hears how far a long job (a staff list) has got. */
  call: function (msg, transfer, onProgress) {
    var self = this;
    this.start();
    if (this.failed) return Promise.reject(new Error(this.failed));
    msg = this.shapers.reduce(function (m, shape) { return shape(m); }, msg);
    msg.id = ++this.seq;
    return new Promise(function (resolve, reject) {
      self.pending[msg.id] = { resolve: resolve, reject: reject, onProgress: onProgress, parts: {} };
      if (self.worker) self.worker.postMessage(msg, transfer || []);
      else self.queue.push([msg, transfer || []]);
    });
  },
  /* `shape(msg)` → the message to send instead (local-profile.js adds a user's own document to her requests). */
  shape: function (fn) { this.shapers.push(fn); },
  onChange: function (fn) { this.listeners.push(fn); },
  emit: function () {
    document.documentElement.setAttribute("data-engine", this.failed ? "failed" : this.ready ? "ready" : "loading");
    this.listeners.forEach(function (fn) { fn(); });
  },
};

/* A long answer comes in parts (worker.js): each part's items are gathered as it arrives, one list per path, and the
   reply's emptied lists are replaced by them. Gathered at the end instead, a province's rows made one long task. */
function gatherPart(lists, part) {
  var key = JSON.stringify(part.path);
  var into = lists[key] || (lists[key] = { path: part.path, items: [] });
  for (var i = 0; i < part.items.length; i++) into.items.push(part.items[i]);
}

function joinParts(msg, lists) {
  Object.keys(lists).forEach(function (key) {
    var path = lists[key].path;
    var parent = msg.response;
    for (var i = 0; i < path.length - 1; i++) parent = parent[path[i]];
    parent[path[path.length - 1]] = lists[key].items;
  });
  return msg;
}

/* Once the engine is up (so as not to compete with it), let the service worker keep the tools for offline use.
   Browsers allow this only on https or localhost; on a plain-http intranet the long HTTP cache serves instead. */
function offline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  var sw = new URL("../../../sw.js", import.meta.url); // the page scripts live at <site>/assets/tisheng/<hash>/
  navigator.serviceWorker.register(sw.href).catch(function (err) {
    if (window.console) console.warn("tisheng: offline copy not available:", err);
  });
}
