/* The page base: the lifecycle every tool page runs on, and how a page's script starts.

   A page (a calculator, the rollout table, a staff-list upload, the rules page) is a subclass of Page. It provides
   `outgoing()` → null (nothing to ask yet: the idle text is shown), {response} (the page answers itself) or
   {message, transfer} for the worker, its other fields travelling along to `render(response, sent)`; optionally
   `syncUrl()` (the link, and what is remembered), `share` (a ShareBar), `live` (a LiveBar), `delay` (ms) and
   `idleText`. It gets changed() (a debounced run), run(), answer() (the first step of every render: errors listed at
   their fields), showFailure() and clearErrors(). */
import { el } from "./dom.js";
import { engine } from "./engine.js";
import { search, theme } from "./theme.js";
import { clearErrors, errorSummary } from "./errors.js";
import { citation } from "./cite.js";
import { arrive, enhance } from "./local-profile.js";
import "./link.js"; // an old link's answers move behind "#" before any page asks for anything

/* The one plain sentence that opens a result. */
export function headline(res) {
  if (!res.ok) return "输入有误，请按上方提示修改。";
  return res.headline || res.summary || (res.status === "pass" ? "符合要求。" : "尚未达到要求。");
}

export class Page {
  /* The parts of the page every step uses. */
  constructor(root) {
    this.root = root;
    this.tool = root.getAttribute("data-tool");
    this.siteRoot = root.getAttribute("data-site-root") || "./";
    this.form = root.querySelector("form");
    this.result = root.querySelector("#result");
    this.summaryBox = root.querySelector(".ts-error-summary");
    this.seq = 0;
    this.timer = null;
    this.focusErrors = false;
  }

  /* From the page's constructor: follow the engine's state, and let Enter run at once. */
  watch() {
    var self = this;
    engine.onChange(function () {
      self.root.setAttribute("data-engine", engine.failed ? "failed" : engine.ready ? "ready" : "loading");
      if (engine.failed) self.showFailure();
    });
    engine.start();
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(self.timer);  // the typing just before Enter is in this run: a second one would redraw the errors
      self.focusErrors = true;  // and take focus away from the summary it has just moved to
      self.submitted();
      self.run();
    });
  }

  submitted() {}

  syncUrl() {}

  changed() {
    var self = this;
    this.syncUrl();
    this.markStale();
    if (this.share) this.share.changed();
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(); }, this.delay);
  }

  run() {
    if (engine.failed) return this.showFailure();
    var sent = this.outgoing();
    if (!sent) {
      this.clearErrors();
      this.markSettled(null);
      if (this.live) this.live.set("", null);
      this.result.replaceChildren.apply(this.result, this.idle());
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
  }

  send(sent) { return engine.call(sent.message, sent.transfer); }

  pending() {
    if (engine.ready) return;
    this.result.removeAttribute("data-status");
    this.result.replaceChildren(el("p", "ts-pending", "正在加载计算引擎，首次打开需要几秒钟……"));
  }

  failed() { this.showFailure(); }

  showFailure() {
    this.markSettled("error");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", engine.failed || "计算引擎出错。"));
  }

  clearErrors() { clearErrors(this.root, this.summaryBox); }

  /* Every answer starts here: the old errors go; bad input is listed at its fields (the list takes focus after a
     submit) and true comes back; a good answer returns false for the page to draw. `target(err)` → {control, box}. */
  answer(res, target) {
    this.current = res;
    var focus = this.focusErrors;
    this.focusErrors = false;
    this.clearErrors();
    if (res.ok) return false;
    errorSummary(this.summaryBox, res.errors || [], target, focus);
    this.markSettled("error");
    this.result.removeAttribute("data-band");
    this.result.replaceChildren(el("p", "ts-verdict ts-verdict--error", "输入有误，请按上方提示修改。"));
    if (this.live) this.live.set(headline(res), "error");
    return true;
  }

  citation(src, inheritedFrom) {
    return citation(src, inheritedFrom, this.siteRoot, this.current.profile);
  }

  /* The shown answer no longer matches the form: drop its status (so nothing, a reader or a script, takes the old
     verdict for the new input) and ignore any reply still on its way for the old input. */
  markStale() {
    this.seq++;
    this.result.removeAttribute("data-status");
    this.result.removeAttribute("data-band");
    this.result.setAttribute("aria-busy", "true");
    if (this.live) this.live.node.setAttribute("data-status", "pending");
  }

  /* An answer (or an error) is on the page for the form as it is now. */
  markSettled(status) {
    this.result.removeAttribute("aria-busy");
    if (status) this.result.setAttribute("data-status", status);
    else this.result.removeAttribute("data-status");
  }
}
/* What the result region says before anything is filled in (a page may say more: 材料自查 lists what to hand in). */
Page.prototype.idle = function () { return [el("p", "ts-idle", this.idleText)]; };
Page.prototype.idleText = "填写上面的内容后，这里会立即显示结果和依据。";
Page.prototype.delay = 150;

/* A page's script starts its page here: once the page is parsed (a module script runs then), what every tool page
   does first — a user's own document added to the document lists, the search and the theme held back for the
   engine — and then `make(root)` for each element that matches `selector`. */
export function boot(selector, make) {
  function go() {
    var waiting = arrive();  // a link that carries her own document: read it first
    if (waiting) { waiting.then(start); return; }
    start();
  }
  function start() {
    enhance();
    search.init();
    theme.init();
    document.querySelectorAll(selector).forEach(make);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go, { once: true });
  else go();
}

/* A print shows everything: folded notes open for it. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.ts-fold").forEach(function (d) { d.open = true; });
});
