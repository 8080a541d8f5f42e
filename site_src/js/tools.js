/* Binds a calculator page: form ⇄ URL query ⇄ worker (Python engine) ⇄ #result.
   Plain JS, no framework. All text that comes from data or from the user is set with textContent. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  /* A table head of one row of column headers. */
  function thead(labels) {
    var head = el("thead");
    var tr = head.appendChild(el("tr"));
    labels.forEach(function (label) {
      var th = tr.appendChild(el("th", null, label));
      th.scope = "col";
    });
    return head;
  }

  /* One worker per page, shared by the calculator and the batch tool; replies are matched to calls by id. */
  var engine = {
    worker: null, seq: 0, pending: {}, queue: [], ready: false, failed: null, listeners: [], painted: false,
    start: function () {
      if (this.worker || this.failed) return;
      var self = this;
      /* Start Python only once the page has drawn its first frame: compiling and restoring the engine keeps both
         cores of an old PC busy, and the form must be on screen and take typing first. Calls wait in the queue. */
      if (!this.painted) {
        if (!this.waiting) {
          this.waiting = true;
          requestAnimationFrame(function () {
            setTimeout(function () { self.painted = true; self.start(); }, 0);
          });
        }
        return;
      }
      try {
        this.worker = new Worker(new URL("worker.js", here), { type: "module" });
      } catch (err) {
        return this.fail("浏览器不支持后台计算（模块 Web Worker）。请使用较新的浏览器，如 Chrome、Edge 或 360 极速模式");
      }
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
    /* Up, and every answer asked for so far drawn and painted: the theme's script may run (`theme`). */
    idle: function () {
      if (!this.ready || theme.started || Object.keys(this.pending).length) return;
      requestAnimationFrame(function () { setTimeout(function () { theme.start(); }, 0); });
    },
    /* `onProgress(done, total)`, if given, hears how far a long job (a staff list) has got. */
    call: function (msg, transfer, onProgress) {
      var self = this;
      this.start();
      if (this.failed) return Promise.reject(new Error(this.failed));
      msg.id = ++this.seq;
      return new Promise(function (resolve, reject) {
        self.pending[msg.id] = { resolve: resolve, reject: reject, onProgress: onProgress, parts: {} };
        if (self.worker) self.worker.postMessage(msg, transfer || []);
        else self.queue.push([msg, transfer || []]);
      });
    },
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

  /* The site search's index is built once the engine is up, so as not to compete with it, or at once when the reader
     opens the search box (workers/search-later.js waits for "go", and asks whether it has been said already).
     html[data-search] says which: "waiting" or "started". */
  var search = {
    channel: typeof BroadcastChannel === "function" ? new BroadcastChannel("tisheng-search") : null,
    go: false,
    /* At DOMContentLoaded: Material's configuration comes after this script. */
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
  var theme = {
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

  /* Once the engine is up (so as not to compete with it), let the service worker keep the tools for offline use.
     Browsers allow this only on https or localhost; on a plain-http intranet the long HTTP cache serves instead. */
  function offline() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext || !here) return;
    var sw = new URL("../../../sw.js", here); // tools.js lives at <site>/assets/tisheng/<hash>/
    navigator.serviceWorker.register(sw.href).catch(function (err) {
      if (window.console) console.warn("tisheng: offline copy not available:", err);
    });
  }

  /* GOV.UK-style error summary, shared by every tool page: each error listed, linked to its field (which shows the
     message beside it and gets aria-invalid); errors that belong to no field are listed as text. `target(err)`
     returns {control, box} or null. */
  function errorSummary(summaryBox, errors, target, focus) {
    var list = summaryBox.querySelector("ul");
    list.replaceChildren();
    errors.forEach(function (err) {
      var t = target(err);
      var item = el("li");
      if (t && t.control && t.control.id) {
        var link = el("a", null, err.message);
        link.href = "#" + t.control.id;
        link.addEventListener("click", function (e) {
          e.preventDefault();
          t.control.focus();
          t.control.scrollIntoView({ block: "center" });
        });
        item.appendChild(link);
        if (t.box) {
          t.box.textContent = (t.box.hidden || !t.box.textContent ? "" : t.box.textContent + " ") + err.message;
          t.box.hidden = false;
        }
        t.control.setAttribute("aria-invalid", "true");
      } else {
        item.textContent = err.message;
      }
      list.appendChild(item);
    });
    summaryBox.hidden = false;
    if (!/^错误：/.test(document.title)) document.title = "错误：" + document.title;
    if (focus) summaryBox.focus();
  }

  /* "依据：《document》 section “quote”", linking to the profile page the rule belongs to. */
  function citation(src, inheritedFrom, siteRoot, profile) {
    var box = el("p", "ts-cite");
    if (!src.title && !src.doc) { box.hidden = true; return box; } /* a note of the tool's own: no document to cite */
    box.appendChild(el("span", "ts-cite-label", "依据："));
    var link = el("a", null, "《" + (src.title || src.doc || "") + "》");
    link.href = siteRoot + "profiles/" + encodeURIComponent(profile) + "/";
    box.appendChild(link);
    if (src.via_title) {  // known only through a document that quotes it; the section is that document's
      box.appendChild(document.createTextNode(" 经《" + src.via_title + "》" + (src.section || "") + "转述"));
    } else if (src.section) {
      box.appendChild(document.createTextNode(" " + src.section));
    }
    if (src.quote) box.appendChild(el("q", null, src.quote));
    if (inheritedFrom) box.appendChild(el("span", "ts-inherited", "（上级文件规定，本文件沿用）"));
    return box;
  }

  /* ---- Long answers and links. An address of 2,000 characters opens everywhere a teacher shares one: nginx and IIS
     accept 8 KB and more, WeChat's browser and old IE stop near 2,048. Past that, the answer is not written into the
     address (nginx would answer 414 and a shared link would break); the page says so and offers "remember on this
     computer" and a small link file whose data sits after "#", which browsers never send to a server. */
  var URL_LIMIT = 2000;

  function fitsUrl(query) {
    return (location.origin + location.pathname).length + 1 + String(query).length <= URL_LIMIT;
  }

  /* What a page's link carries stands after "#" ("#?online=20&practice=28"): browsers never send that part, so a
     reload or a shared link takes nothing typed to the server. Links shared before, with the answers in the query,
     still open: read once, their answers move behind "#" at once, before the page asks for anything else. */
  function hashParams() {
    var h = location.hash.replace(/^#\??/, "");
    return new URLSearchParams(h.indexOf("=") >= 0 ? h : "");  // "#result" is a place on the page, not answers
  }

  function linkParams() {
    var params = new URLSearchParams(location.search);
    hashParams().forEach(function (v, k) { params.set(k, v); });
    return params;
  }

  /* The page's link becomes this query string (a URLSearchParams or its text), after "#?". */
  function writeLink(query) {
    var q = String(query);
    history.replaceState(null, "", location.pathname + (q ? "#?" + q : ""));
  }

  if (location.search) writeLink(linkParams());
  /* A link to this same page with other answers (a bookmark, a link on the page, the address edited by hand) changes
     only the part after "#", and the browser does not open the page again: the page is opened anew from it. The
     page's own edits (history.replaceState) and a jump to a place on the page ("#result") do not come here. */
  window.addEventListener("hashchange", function () {
    if (Array.from(hashParams().keys()).length) location.reload();
  });

  function linkFile(query) {
    var target = location.origin + location.pathname + "#?" + query;
    var safe = target.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    var html = '<!doctype html><html lang="zh-CN"><head><meta name="referrer" content="no-referrer"><meta charset="utf-8">' +
      "<title>" + document.title.replace(/</g, "&lt;") + "</title></head><body><p>正在打开……若没有自动打开，请" +
      '<a href="' + safe + '">点这里</a>。</p><script>location.replace(' + JSON.stringify(target).replace(/</g, "\\u003c") +
      ");</script></body></html>";
    download(new TextEncoder().encode(html), (document.querySelector("h1") || { textContent: "自查" }).textContent.trim()
      .replace(/[\\/:*?"<>|？]/g, "") + "（填写内容）.html");
  }

  /* Shows (query too long) or hides the notice above `before`; `remember` is the page's remember checkbox. */
  function longLink(root, before, query, remember) {
    var box = root.querySelector(".ts-long-link");
    if (query === null) {
      if (box) box.hidden = true;
      root.removeAttribute("data-long-link");
      return;
    }
    root.setAttribute("data-long-link", "");
    if (!box) {
      box = el("div", "ts-long-link ts-hint");
      box.setAttribute("role", "status");
      box.appendChild(el("p", null, "填写的内容较多，链接会超过 " + URL_LIMIT.toLocaleString("zh-CN") +
        " 个字符（微信和部分浏览器、服务器打不开这么长的链接），所以地址栏中不再包含填写的内容。要保存，请在本机记住；" +
        "要转交给别人，请下载链接文件，对方用浏览器打开它即可，文件中的内容不会发送到任何服务器。"));
      var keep = el("button", "md-button", "在本机记住");
      keep.type = "button";
      keep.setAttribute("data-long-remember", "");
      keep.addEventListener("click", function () {
        if (!remember) return;
        remember.checked = true;
        remember.dispatchEvent(new Event("change", { bubbles: true }));
      });
      var save = el("button", "md-button", "下载链接文件");
      save.type = "button";
      save.setAttribute("data-long-file", "");
      save.addEventListener("click", function () { linkFile(box.getAttribute("data-query")); });
      if (remember) box.appendChild(keep);
      box.appendChild(save);
      before.parentNode.insertBefore(box, before);
    }
    box.setAttribute("data-query", query);
    box.hidden = false;
  }

  /* ---------------------------------------------------------------- print, copy the link, QR code; verdict in view */

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  /* ---- Files and charts, shared by every page: one way to hand the user a file, one way to ask the engine for one
     (tisheng.api.export: the bytes come back transferred, never as base64), one ECharts loader. */
  var FILE_TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv",
    html: "text/html" };

  function download(bytes, filename) {
    var ext = String(filename).split(".").pop().toLowerCase();
    var url = URL.createObjectURL(new Blob([bytes], { type: FILE_TYPES[ext] || "application/octet-stream" }));
    var a = el("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* Resolves with the engine's answer, {ok: true, filename, …} (the file is saved) or {ok: false, errors}. */
  function exportFile(request, bytes) {
    return engine.call({ type: "export", request: request, bytes: bytes }, bytes ? [bytes] : []).then(function (reply) {
      if (reply.response.ok) download(reply.bytes, reply.response.filename);
      return reply.response;
    });
  }

  function messages(errors) {
    return (errors || []).map(function (e) { return typeof e === "string" ? e : e.message; }).join("；");
  }

  /* ECharts is loaded once, when the page's first chart is drawn; `failed()` runs if it cannot be. */
  var echartsLoading = null;
  function withECharts(src, draw, failed) {
    if (window.echarts) return draw();
    if (!echartsLoading) {
      echartsLoading = loadScript(src);
      echartsLoading.catch(function () { echartsLoading = null; });
    }
    echartsLoading.then(draw, failed || function () { /* no chart: the table beside it says the same */ });
  }

  /* On a plain-http intranet the Clipboard API is not there; the old copy command still is. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "ts-offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      area.remove();
      if (ok) resolve();
      else reject(new Error("copy"));
    });
  }

  var QR_MAX = 1200; // characters: past this a QR code has too many modules for a phone camera at this size

  /* Draws `text` as a QR code on a canvas (no markup from strings); the library is loaded on first use. */
  var qrLibrary = null;
  function drawQr(text) {
    if (!qrLibrary) {
      qrLibrary = loadScript(new URL("__QRCODE_JS__", here).href);  // the build names the versioned path
      qrLibrary.catch(function () { qrLibrary = null; });
    }
    return qrLibrary.then(function () {
      var code = window.qrcode(0, "M");
      code.addData(text, "Byte");
      code.make();
      var n = code.getModuleCount();
      var cell = Math.max(2, Math.floor(232 / (n + 8)));
      var canvas = el("canvas", "ts-qr-code");
      canvas.width = canvas.height = (n + 8) * cell;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "本页链接的二维码，用手机扫一扫即可打开同样的结果");
      var g = canvas.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = "#000";
      for (var r = 0; r < n; r++) {
        for (var c = 0; c < n; c++) if (code.isDark(r, c)) g.fillRect((c + 4) * cell, (r + 4) * cell, cell, cell);
      }
      return canvas;
    });
  }

  /* The bar under a tool's result: 复制链接 (with a visible 已复制) and 二维码 of the link (each page has its own print
     control). Teachers share through WeChat, where the address bar is hidden. `note()` may return why the link
     lacks some answers. */
  function ShareBar(root, result, note) {
    var self = this;
    this.note = note || function () { return ""; };
    var bar = this.node = el("div", "ts-actions");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "分享结果");
    function button(text, action) {
      var b = bar.appendChild(el("button", "md-button ts-action", text));
      b.type = "button";
      b.setAttribute("data-action", action);
      return b;
    }
    button("复制链接", "copy").addEventListener("click", function () { self.copy(); });
    this.qrButton = button("显示二维码", "qr");
    this.qrButton.setAttribute("aria-expanded", "false");
    this.qrButton.setAttribute("aria-controls", (root.getAttribute("data-tool") || "tool") + "-qr");
    this.qrButton.addEventListener("click", function () { self.toggleQr(); });
    this.status = bar.appendChild(el("span", "ts-action-status"));
    this.status.setAttribute("role", "status");
    this.panel = el("div", "ts-qr");
    this.panel.id = this.qrButton.getAttribute("aria-controls");
    this.panel.hidden = true;
    bar.appendChild(this.panel);
    result.insertAdjacentElement("afterend", bar);
  }

  ShareBar.prototype.copy = function () {
    var self = this;
    var why = this.note();
    copyText(window.location.href).then(function () {
      self.status.textContent = why ? "已复制链接。" + why : "已复制链接，可以粘贴到微信或短信中发送。";
      self.status.className = "ts-action-status ts-action-status--done";
    }, function () {
      self.status.textContent = "浏览器不允许自动复制：请长按或选中下面的链接，再复制。";
      self.status.className = "ts-action-status";
      self.showLink();
    });
  };

  ShareBar.prototype.showLink = function () {
    var box = el("input", "ts-link-text");
    box.type = "text";
    box.readOnly = true;
    box.value = window.location.href;
    box.setAttribute("aria-label", "本页链接");
    this.panel.replaceChildren(box);
    this.panel.hidden = false;
    box.select();
  };

  ShareBar.prototype.toggleQr = function () {
    var open = this.qrButton.getAttribute("aria-expanded") !== "true";
    this.qrButton.setAttribute("aria-expanded", String(open));
    this.qrButton.textContent = open ? "收起二维码" : "显示二维码";
    this.panel.hidden = !open;
    if (open) this.refresh();
  };

  /* The link changed (the form did): the old "已复制" no longer holds, and an open QR code is drawn anew. */
  ShareBar.prototype.changed = function () {
    this.status.textContent = "";
    if (this.qrButton.getAttribute("aria-expanded") === "true") this.refresh();
  };

  ShareBar.prototype.refresh = function () {
    var panel = this.panel;
    var href = window.location.href;
    var why = this.note();
    panel.setAttribute("data-href", href);
    if (href.length > QR_MAX) {
      panel.replaceChildren(el("p", "ts-hint", "这个链接有 " + href.length + " 个字符，做成二维码太密，手机难以扫出；" +
        "请用“复制链接”发送。"));
      panel.setAttribute("data-drawn", "none");
      return;
    }
    panel.removeAttribute("data-drawn");
    drawQr(href).then(function (canvas) {
      if (panel.getAttribute("data-href") !== href) return;  // the link changed while the library loaded
      var caption = el("p", "ts-hint", "用手机微信扫一扫，打开的就是这一页和这些填写内容。" + (why ? why : ""));
      panel.replaceChildren(canvas, caption);
      panel.setAttribute("data-drawn", "qr");
    }, function () {
      panel.replaceChildren(el("p", "ts-hint", "二维码组件没有加载成功，请用“复制链接”。"));
      panel.setAttribute("data-drawn", "none");
    });
  };

  /* While the result is out of view (below a long form, or on a phone), its first sentence stays in view at the
     bottom of the window, with a link down to the whole answer. */
  function LiveBar(root, result) {
    var bar = this.node = el("div", "ts-live");
    bar.hidden = true;
    this.text = bar.appendChild(el("p", "ts-live-text"));
    var link = bar.appendChild(el("a", "ts-live-link", "看结果和依据"));
    link.href = "#" + result.id;
    link.addEventListener("click", function (e) {
      e.preventDefault();
      result.scrollIntoView({ block: "start" });
      result.setAttribute("tabindex", "-1");
      result.focus({ preventScroll: true });
    });
    root.appendChild(bar);
    var self = this;
    this.away = false;
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        var e = entries[entries.length - 1];
        self.away = !e.isIntersecting && e.boundingClientRect.top > 0;  // below the window, not scrolled past
        self.show();
      }).observe(result);
    }
  }

  LiveBar.prototype.set = function (text, status) {
    this.text.textContent = text || "";
    this.node.setAttribute("data-status", status || "pending");
    this.show();
  };

  LiveBar.prototype.show = function () {
    var on = this.away && !!this.text.textContent;
    this.node.hidden = !on;
    document.documentElement.classList.toggle("ts-live-on", on);
  };

  /* The one plain sentence that opens a result. */
  function headline(res) {
    if (!res.ok) return "输入有误，请按上方提示修改。";
    return res.headline || res.summary || (res.status === "pass" ? "符合要求。" : "尚未达到要求。");
  }

  /* The reader's today, on this computer's clock: "2026年12月7日" to read, or "2026-12-07" (iso) for the engine. */
  function today(iso) {
    var d = new Date();
    if (iso) return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  /* The shown answer no longer matches the form: drop its status (so nothing, a reader or a script, takes the old
     verdict for the new input) and ignore any reply still on its way for the old input. */
  function markStale(page) {
    page.seq++;
    page.result.removeAttribute("data-status");
    page.result.removeAttribute("data-band");
    page.result.setAttribute("aria-busy", "true");
    if (page.live) page.live.node.setAttribute("data-status", "pending");
  }

  /* An answer (or an error) is on the page for the form as it is now. */
  function markSettled(page, status) {
    page.result.removeAttribute("aria-busy");
    if (status) page.result.setAttribute("data-status", status);
    else page.result.removeAttribute("data-status");
  }

  /* ---------------------------------------------------------------- the lifecycle every tool page runs on

     A page object (the calculators' Tool, the rollout table, the staff-list upload) mixes these methods in and
     provides `root`, `form`, `result`, `summaryBox`, `share` (a ShareBar), optionally `live` (a LiveBar) and `delay`
     (ms); `outgoing()` → null (nothing to ask yet: the idle text is shown), {response} (the page answers itself) or
     {message, transfer} for the worker, its other fields travelling along to `render(response, sent)`; and
     `syncUrl()` (the link, and what is remembered). It gets changed() (a debounced run), run(), answer() (the first
     step of every render: errors listed at their fields), showFailure() and clearErrors(). */
  var lifecycle = {
    idleText: "填写上面的内容后，这里会立即显示结果和依据。",

    /* First in the page's constructor: the parts of the page every step uses. */
    attach: function (root) {
      this.root = root;
      this.tool = root.getAttribute("data-tool");
      this.siteRoot = root.getAttribute("data-site-root") || "./";
      this.form = root.querySelector("form");
      this.result = root.querySelector("#result");
      this.summaryBox = root.querySelector(".ts-error-summary");
      this.seq = 0;
      this.timer = null;
    },

    /* From the page's constructor: follow the engine's state, and let Enter run at once. */
    watch: function (root) {
      var self = this;
      this.focusErrors = false;
      engine.onChange(function () {
        root.setAttribute("data-engine", engine.failed ? "failed" : engine.ready ? "ready" : "loading");
        if (engine.failed) self.showFailure();
      });
      engine.start();
      this.form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(self.timer);  // the typing just before Enter is in this run: a second one would redraw the errors
        self.focusErrors = true;  // and take focus away from the summary it has just moved to
        if (self.submitted) self.submitted();
        self.run();
      });
    },

    changed: function () {
      var self = this;
      this.syncUrl();
      markStale(this);
      this.share.changed();
      clearTimeout(this.timer);
      this.timer = setTimeout(function () { self.run(); }, this.delay || 150);
    },

    run: function () {
      if (engine.failed) return this.showFailure();
      var sent = this.outgoing();
      if (!sent) {
        this.clearErrors();
        markSettled(this, null);
        if (this.live) this.live.set("", null);
        this.result.replaceChildren(el("p", "ts-idle", this.idleText));
        return;
      }
      if (sent.response) return this.render(sent.response, sent);
      var seq = ++this.seq;
      var self = this;
      this.pending(sent);
      this.send(sent).then(
        function (reply) { if (seq === self.seq) self.render(reply.response, sent); },
        function (err) { if (seq === self.seq) self.failed(err); },
      );
    },

    send: function (sent) { return engine.call(sent.message, sent.transfer); },

    pending: function () {
      if (engine.ready) return;
      this.result.removeAttribute("data-status");
      this.result.replaceChildren(el("p", "ts-pending", "正在加载计算引擎，首次打开需要几秒钟……"));
    },

    failed: function () { this.showFailure(); },

    showFailure: function () {
      markSettled(this, "error");
      this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", engine.failed || "计算引擎出错。"));
    },

    clearErrors: function () {
      this.root.querySelectorAll(".ts-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      this.root.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
      this.summaryBox.hidden = true;
      document.title = document.title.replace(/^错误：/, "");
    },

    /* Every answer starts here: the old errors go; bad input is listed at its fields (the list takes focus after a
       submit) and true comes back; a good answer returns false for the page to draw. `target(err)` → {control, box}. */
    answer: function (res, target) {
      this.current = res;
      var focus = this.focusErrors;
      this.focusErrors = false;
      this.clearErrors();
      if (res.ok) return false;
      errorSummary(this.summaryBox, res.errors || [], target, focus);
      markSettled(this, "error");
      this.result.removeAttribute("data-band");
      this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "输入有误，请按上方提示修改。"));
      if (this.live) this.live.set(headline(res), "error");
      return true;
    },

    citation: function (src, inheritedFrom) {
      return citation(src, inheritedFrom, this.siteRoot, this.current.profile);
    },
  };

  function mixLifecycle(proto) {
    Object.keys(lifecycle).forEach(function (k) { if (!(k in proto)) proto[k] = lifecycle[k]; });
    return proto;
  }

  /* "Remember on this computer": one stored text per page, kept while its checkbox is ticked. */
  function Memory(key, checkbox) {
    this.key = key;
    this.checkbox = checkbox;
  }

  Memory.prototype.get = function () {
    try { return window.localStorage.getItem(this.key); } catch (err) { return null; }
  };

  Memory.prototype.set = function (text) {
    try {
      if (this.checkbox && this.checkbox.checked) window.localStorage.setItem(this.key, text);
      else window.localStorage.removeItem(this.key);
    } catch (err) { /* storage disabled (private mode): remembering is only a convenience */ }
  };

  Memory.prototype.forget = function () {
    try { window.localStorage.removeItem(this.key); } catch (err) { /* nothing stored */ }
    if (this.checkbox) this.checkbox.checked = false;
  };

  /* The parameters a page starts from: the link's; without any, what was remembered (`parse(text)` → params or
     null), which ticks the box. */
  Memory.prototype.start = function (params, parse) {
    if (Array.from(params.keys()).length) return params;
    var text = this.get();
    var saved = text ? parse(text) : null;
    if (!saved) return params;
    if (this.checkbox) this.checkbox.checked = true;
    return saved;
  };

  /* A calculator page: its named controls are the request's input, the link's query and what is remembered. */
  function Tool(root) {
    this.attach(root);
    this.remember = root.querySelector("[data-remember]");
    this.memory = new Memory("tisheng:" + this.tool, this.remember);
    this.ext = extensions[this.tool] || {};
    this.share = new ShareBar(root, this.result);
    this.live = new LiveBar(root, this.result);
    this.prefill();
    var self = this;
    if (this.ext.init) this.ext.init(this);
    this.watch(root);
    if (this.remember) {
      this.remember.addEventListener("change", function () { self.store(); });
      root.querySelector("[data-forget]").addEventListener("click", function () { self.forget(); });
    }
    this.form.addEventListener("input", function () { self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    this.run();
  }
  mixLifecycle(Tool.prototype);

  /* Named controls; disabled ones (e.g. fields of another policy that an extension has switched off) count as absent. */
  Tool.prototype.controls = function (all) {
    return Array.prototype.filter.call(this.form.elements, function (c) {
      return c.name && c.type !== "submit" && (all || !c.disabled);
    });
  };

  Tool.prototype.store = function () {
    if (!this.remember) return;
    var values = {};
    this.controls().forEach(function (c) { values[c.name] = c.value; });
    this.memory.set(JSON.stringify(values));
  };

  Tool.prototype.forget = function () {
    this.memory.forget();
    this.controls().forEach(function (c) {
      if (c.tagName !== "SELECT") c.value = "";
      else if (c.hasAttribute("data-default")) c.value = c.getAttribute("data-default");
    });
    this.changed();
  };

  Tool.prototype.prefill = function () {
    var params = this.memory.start(linkParams(), function (text) {
      try {
        var saved = JSON.parse(text);
        return saved ? new URLSearchParams(saved) : null;
      } catch (err) {
        return null;
      }
    });
    this.controls(true).forEach(function (c) {
      if (!params.has(c.name)) return;
      var v = params.get(c.name);
      if (c.tagName === "SELECT") {
        var known = Array.prototype.some.call(c.options, function (o) { return o.value === v; });
        if (!known) {
          var opt = el("option", null, "（链接中的未知政策：" + v + "）");
          opt.value = v;
          c.appendChild(opt);
        }
      }
      c.value = v;
    });
  };

  Tool.prototype.syncUrl = function () {
    var params = new URLSearchParams();
    this.controls().forEach(function (c) {
      if (c.value !== "" && c.value !== c.getAttribute("data-default")) params.set(c.name, c.value);
    });
    var q = params.toString();
    var long = !fitsUrl(q);
    writeLink(q);
    var anchor = this.remember ? this.remember.closest(".ts-field") || this.remember : this.form.lastElementChild;
    longLink(this.root, anchor, long ? q : null, this.remember);
    this.store();
  };

  Tool.prototype.request = function () {
    var req = { tool: this.tool, profile: "", input: {} };
    var filled = false;
    this.controls().forEach(function (c) {
      if (c.name === "profile") req.profile = c.value;
      else if (c.hasAttribute("data-input") && c.value.trim() !== "") {
        req.input[c.name] = c.value.trim();
        if (!c.hasAttribute("data-option")) filled = true;
      }
    });
    /* A page whose answer depends on the day asks the engine about the reader's today when she names no other day:
       the engine in the worker never reads a clock of its own. */
    var day = this.form.elements.namedItem("today");
    if (day && day.hasAttribute("data-input") && !req.input.today) req.input.today = today(true);
    if (this.ext.request) return this.ext.request(req, filled, this);
    return filled ? req : null;
  };

  Tool.prototype.outgoing = function () {
    var req = this.request();
    return req && { message: { type: "evaluate", request: req } };
  };

  Tool.prototype.target = function (err) {
    var name = String(err.field || "").replace(/^input\./, "");
    var control = name && this.form.elements.namedItem(name);
    if (!control || !control.id) return null;
    return { control: control, box: this.root.querySelector("#" + control.id + "-error") };
  };

  Tool.prototype.render = function (res) {
    if (this.answer(res, this.target.bind(this))) return;
    var self = this;
    var out = [];
    var pass = res.status === "pass";
    var lead = headline(res);
    var verdict = el("p", "ts-verdict ts-verdict--" + res.status);
    // an answer with questions still open (材料自查: `complete` false) has found nothing wrong yet, not "符合要求"
    var open = pass && res.complete === false;
    verdict.appendChild(el("span", "ts-verdict-tag", open ? "？ 尚未查完：" : (pass ? "✔ 符合要求：" : "✘ 尚未达到要求：")));
    verdict.appendChild(el("span", "ts-headline", lead));
    out.push(verdict);
    if (res.summary && res.summary !== lead) out.push(el("p", "ts-summary", res.summary));
    var list = el("ul", "ts-findings");
    (res.findings || []).forEach(function (f) {
      var li = el("li", "ts-finding ts-finding--" + (f.met ? "met" : "unmet"));
      li.setAttribute("data-rule", f.rule);
      li.appendChild(el("span", "ts-mark", f.met ? "✔ 符合：" : "✘ 未达到："));
      li.appendChild(el("span", "ts-message", f.message));
      li.appendChild(self.citation(f.source || {}, f.inherited_from));
      list.appendChild(li);
    });
    out.push(list);
    /* Notes about her answer stay in view; notes that only restate a rule (period, deadline) fold when many. */
    var notes = res.notes || [];
    var said = notes.filter(function (n) { return !n.background; });
    var rest = notes.filter(function (n) { return n.background; });
    function noteList(items) {
      var ul = el("ul", "ts-notes");
      items.forEach(function (n) {
        var li = el("li", "ts-note", n.message);
        li.appendChild(self.citation(n.source || {}, n.inherited_from));
        ul.appendChild(li);
      });
      return ul;
    }
    if (said.length) out.push(noteList(said));
    if (rest.length > 1) {
      var fold = el("details", "ts-fold");
      fold.appendChild(el("summary", null, "文件的周期、截止日期等规定（" + rest.length + " 条）"));
      fold.appendChild(noteList(rest));
      out.push(fold);
    } else if (rest.length) {
      out.push(noteList(rest));
    }
    if (this.ext.render) this.ext.render(res, out, this);
    if (res.band) this.result.setAttribute("data-band", res.band);
    else this.result.removeAttribute("data-band");
    this.result.replaceChildren.apply(this.result, out);
    markSettled(this, res.status);
    this.live.set((pass ? "✔ " : "✘ ") + lead, res.status);
  };

  /* A print shows everything: folded notes open for it. */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.ts-fold").forEach(function (d) { d.open = true; });
  });

  function init() {
    search.init();
    theme.init();
    document.querySelectorAll(".ts-tool[data-tool]").forEach(function (root) { new Tool(root); });
  }
  /* A page script may register, before DOMContentLoaded, `Tisheng.tools[tool] = {init(tool), request(req, filled,
     tool) -> req|null, render(res, outNodes, tool)}` to shape its own inputs and add to the verdict. */
  var extensions = {};
  /* Under a single teacher's result: the date it was worked out, and a print button (hidden in print). */
  function printBar() {
    var bar = el("p", "ts-print-bar");
    bar.appendChild(el("span", "ts-print-date", "结果日期：" + today()));
    bar.appendChild(el("span", "ts-print-privacy", "计算只在本机浏览器中进行，填写的内容不会发送到任何服务器。"));
    var b = el("button", "md-button ts-screen-only", "打印结果");
    b.type = "button";
    b.setAttribute("data-print-result", "");
    b.addEventListener("click", function () { window.print(); });
    bar.appendChild(b);
    return bar;
  }
  /* The reading choice lists every profile's options (data-profile); show only the chosen profile's, and the
     field only when it has some. A reading that belongs to another profile is dropped when the profile changes. */
  function showReadings(tool, changed) {
    var select = tool.form.elements.namedItem("reading");
    if (!select) return;
    var profile = tool.form.elements.namedItem("profile").value;
    var any = false;
    Array.prototype.forEach.call(select.options, function (o) {
      var own = o.getAttribute("data-profile");
      o.hidden = o.disabled = own !== null && own !== profile;
      if (own === profile) any = true;
    });
    if (select.selectedOptions.length && select.selectedOptions[0].disabled) select.value = "";
    if (changed && select.value && !any) select.value = "";
    select.disabled = !any && !select.value;
    tool.root.querySelector("#reading-field").hidden = select.disabled;
  }

  /* The vocabulary's words a page shows (data/vocabulary.yaml, in the page's #ts-words block, written by the build):
     hourKinds and bands as [id, label] in the vocabulary's order, band[id] → label. */
  var wordsRead = null;
  function words() {
    if (!wordsRead) {
      var node = document.getElementById("ts-words");
      var raw = node ? JSON.parse(node.textContent) : {};
      wordsRead = { hourKinds: raw.hour_kinds || [], bands: raw.bands || [], band: {} };
      wordsRead.bands.forEach(function (b) { wordsRead.band[b[0]] = b[1]; });
    }
    return wordsRead;
  }

  window.Tisheng = { words: words, showReadings: showReadings, printBar: printBar, engine: engine, markStale: markStale, markSettled: markSettled, ShareBar: ShareBar,
    LiveBar: LiveBar, headline: headline, today: today, el: el, thead: thead, here: here, tools: extensions,
    Tool: Tool, lifecycle: lifecycle, mixLifecycle: mixLifecycle, Memory: Memory, errorSummary: errorSummary, citation: citation, fitsUrl: fitsUrl, linkParams: linkParams, writeLink: writeLink,
    longLink: longLink, URL_LIMIT: URL_LIMIT, download: download, exportFile: exportFile, messages: messages,
    withECharts: withECharts };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true });
  else init();
})();
