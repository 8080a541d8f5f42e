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
        } else if (msg.type === "failed") {
          self.fail("计算引擎无法启动：" + msg.message);
        } else if (msg.type === "reply" && self.pending[msg.id]) {
          var p = self.pending[msg.id];
          delete self.pending[msg.id];
          if (msg.error) p.reject(new Error(msg.error));
          else p.resolve(msg);
        }
      };
      this.worker.onerror = function (e) {
        self.fail("计算引擎无法启动（" + (e.message || "脚本错误") + "）");
      };
      this.queue.splice(0).forEach(function (item) { self.worker.postMessage(item[0], item[1]); });
    },
    fail: function (message) {
      this.failed = message + "。请刷新页面重试；若仍失败，请联系网站管理员。";
      var pending = this.pending;
      this.pending = {};
      Object.keys(pending).forEach(function (id) { pending[id].reject(new Error(message)); });
      this.emit();
    },
    call: function (msg, transfer) {
      var self = this;
      this.start();
      if (this.failed) return Promise.reject(new Error(this.failed));
      msg.id = ++this.seq;
      return new Promise(function (resolve, reject) {
        self.pending[msg.id] = { resolve: resolve, reject: reject };
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
    box.appendChild(el("span", "ts-cite-label", "依据："));
    var link = el("a", null, "《" + (src.title || src.doc || "") + "》");
    link.href = siteRoot + "profiles/" + encodeURIComponent(profile) + "/";
    box.appendChild(link);
    if (src.section) box.appendChild(document.createTextNode(" " + src.section));
    if (src.quote) box.appendChild(el("q", null, src.quote));
    if (inheritedFrom) box.appendChild(el("span", "ts-inherited", "（上级文件规定，本文件沿用）"));
    return box;
  }

  function Tool(root) {
    this.root = root;
    this.tool = root.getAttribute("data-tool");
    this.siteRoot = root.getAttribute("data-site-root") || "./";
    this.form = root.querySelector("form");
    this.result = root.querySelector("#result");
    this.summaryBox = root.querySelector(".ts-error-summary");
    this.seq = 0;
    this.focusErrors = false;
    this.timer = null;
    this.storageKey = "tisheng:" + this.tool;
    this.remember = root.querySelector("[data-remember]");
    this.ext = extensions[this.tool] || {};
    this.prefill();
    var self = this;
    if (this.ext.init) this.ext.init(this);
    engine.onChange(function () {
      root.setAttribute("data-engine", engine.failed ? "failed" : engine.ready ? "ready" : "loading");
      if (engine.failed) self.showFailure();
    });
    engine.start();
    if (this.remember) {
      this.remember.addEventListener("change", function () { self.store(); });
      root.querySelector("[data-forget]").addEventListener("click", function () { self.forget(); });
    }
    this.form.addEventListener("input", function () { self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.focusErrors = true;
      self.run();
    });
    this.run();
  }

  /* Named controls; disabled ones (e.g. fields of another policy that an extension has switched off) count as absent. */
  Tool.prototype.controls = function (all) {
    return Array.prototype.filter.call(this.form.elements, function (c) {
      return c.name && c.type !== "submit" && (all || !c.disabled);
    });
  };

  Tool.prototype.saved = function () {
    try {
      return JSON.parse(window.localStorage.getItem(this.storageKey) || "null");
    } catch (err) {
      return null;
    }
  };

  Tool.prototype.store = function () {
    if (!this.remember) return;
    try {
      if (this.remember.checked) {
        var values = {};
        this.controls().forEach(function (c) { values[c.name] = c.value; });
        window.localStorage.setItem(this.storageKey, JSON.stringify(values));
      } else {
        window.localStorage.removeItem(this.storageKey);
      }
    } catch (err) { /* storage disabled (private mode): remembering is only a convenience */ }
  };

  Tool.prototype.forget = function () {
    try { window.localStorage.removeItem(this.storageKey); } catch (err) { /* nothing stored */ }
    this.remember.checked = false;
    this.controls().forEach(function (c) {
      if (c.tagName !== "SELECT") c.value = "";
      else if (c.hasAttribute("data-default")) c.value = c.getAttribute("data-default");
    });
    this.changed();
  };

  Tool.prototype.prefill = function () {
    var params = new URLSearchParams(window.location.search);
    var saved = this.saved();
    if (!Array.from(params.keys()).length && saved) {
      params = new URLSearchParams(saved);
      if (this.remember) this.remember.checked = true;
    }
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

  /* The shown answer no longer matches the form: drop its status (so nothing, a reader or a script, takes the old
     verdict for the new input) and ignore any reply still on its way for the old input. */
  function markStale(page) {
    page.seq++;
    page.result.removeAttribute("data-status");
    page.result.removeAttribute("data-band");
    page.result.setAttribute("aria-busy", "true");
  }

  /* An answer (or an error) is on the page for the form as it is now. */
  function markSettled(page, status) {
    page.result.removeAttribute("aria-busy");
    if (status) page.result.setAttribute("data-status", status);
    else page.result.removeAttribute("data-status");
  }

  Tool.prototype.syncUrl = function () {
    var params = new URLSearchParams();
    this.controls().forEach(function (c) {
      if (c.value !== "" && c.value !== c.getAttribute("data-default")) params.set(c.name, c.value);
    });
    var q = params.toString();
    history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
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
    if (this.ext.request) return this.ext.request(req, filled, this);
    return filled ? req : null;
  };

  Tool.prototype.changed = function () {
    var self = this;
    this.syncUrl();
    this.store();
    markStale(this);
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(); }, 150);
  };

  Tool.prototype.run = function () {
    if (engine.failed) return this.showFailure();
    var req = this.request();
    if (!req) {
      this.clearErrors();
      markSettled(this, null);
      this.result.replaceChildren(el("p", "ts-idle", "填写上面的内容后，这里会立即显示结果和依据。"));
      return;
    }
    var seq = ++this.seq;
    var self = this;
    if (!engine.ready) {
      this.result.removeAttribute("data-status");
      this.result.replaceChildren(el("p", "ts-pending", "正在加载计算引擎，首次打开需要几秒钟……"));
    }
    engine.call({ type: "evaluate", request: req }).then(
      function (reply) { if (seq === self.seq) self.render(reply.response); },
      function () { if (seq === self.seq) self.showFailure(); },
    );
  };

  Tool.prototype.showFailure = function () {
    markSettled(this, "error");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", engine.failed || "计算引擎出错。"));
  };

  Tool.prototype.clearErrors = function () {
    this.root.querySelectorAll(".ts-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    this.root.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    this.summaryBox.hidden = true;
    document.title = document.title.replace(/^错误：/, "");
  };

  Tool.prototype.showErrors = function (errors) {
    var self = this;
    errorSummary(this.summaryBox, errors, function (err) {
      var name = String(err.field || "").replace(/^input\./, "");
      var control = name && self.form.elements.namedItem(name);
      if (!control || !control.id) return null;
      return { control: control, box: self.root.querySelector("#" + control.id + "-error") };
    }, this.focusErrors);
  };

  Tool.prototype.citation = function (src, inheritedFrom) {
    return citation(src, inheritedFrom, this.siteRoot, this.current.profile);
  };

  Tool.prototype.render = function (res) {
    this.current = res;
    var focus = this.focusErrors;
    this.focusErrors = false;
    this.clearErrors();
    if (!res.ok) {
      this.focusErrors = focus;
      this.showErrors(res.errors || []);
      this.focusErrors = false;
      markSettled(this, "error");
      this.result.removeAttribute("data-band");
      this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "输入有误，请按上方提示修改。"));
      return;
    }
    var self = this;
    var out = [];
    var pass = res.status === "pass";
    out.push(el("p", "ts-verdict ts-verdict--" + res.status, (pass ? "✔ " : "✘ ") + (pass ? "符合要求" : "尚未达到要求")));
    if (res.summary) out.push(el("p", "ts-summary", res.summary));
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
    if ((res.notes || []).length) {
      var notes = el("ul", "ts-notes");
      res.notes.forEach(function (n) {
        var li = el("li", "ts-note", n.message);
        li.appendChild(self.citation(n.source || {}, n.inherited_from));
        notes.appendChild(li);
      });
      out.push(notes);
    }
    if (this.ext.render) this.ext.render(res, out, this);
    if (res.band) this.result.setAttribute("data-band", res.band);
    else this.result.removeAttribute("data-band");
    this.result.replaceChildren.apply(this.result, out);
    markSettled(this, res.status);
  };

  function init() {
    document.querySelectorAll(".ts-tool[data-tool]").forEach(function (root) { new Tool(root); });
  }
  /* A page script may register, before DOMContentLoaded, `Tisheng.tools[tool] = {init(tool), request(req, filled,
     tool) -> req|null, render(res, outNodes, tool)}` to shape its own inputs and add to the verdict. */
  var extensions = {};
  /* (issue 16, item 4) Under a single teacher's result: the date it was worked out, and a print button. */
  function printBar() {
    var d = new Date();
    var bar = el("p", "ts-print-bar");
    bar.appendChild(el("span", "ts-print-date", "结果日期：" + d.getFullYear() + "年" + (d.getMonth() + 1) + "月" +
      d.getDate() + "日"));
    var b = el("button", "md-button ts-screen-only", "打印结果");
    b.type = "button";
    b.setAttribute("data-print-result", "");
    b.addEventListener("click", function () { window.print(); });
    bar.appendChild(b);
    return bar;
  }
  window.Tisheng = { printBar: printBar, engine: engine, markStale: markStale, markSettled: markSettled, el: el, thead: thead, here: here, tools: extensions, Tool: Tool, errorSummary: errorSummary,
    citation: citation };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
