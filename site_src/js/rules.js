/* 录入本地文件 (/tools/rules/): the form ⇄ a profile (rules-form.js), checked by the engine as she types; messages
   beside the fields; import, export, keep, share. Nothing she typed is ever cleared by a check: the form is the
   record, also kept as a draft in this tab. All text is set with textContent. */
import { el } from "./dom.js";
import { engine } from "./engine.js";
import { clearErrors, errorSummary } from "./errors.js";
import { download } from "./files.js";
import { linkParams, URL_LIMIT } from "./link.js";
import * as local from "./local-profile.js";
import { boot, Page } from "./page.js";
import { copyText } from "./share.js";
import { $, controlFor, drawLists, fillForm, readForm, ruleOf, showInherited } from "./rules-form.js";

var DRAFT = "tisheng-rules-draft";

function groupKey(node) {
  var group = node && node.closest && node.closest(".ts-rule");
  return group ? ruleOf(group) : node && node.id;
}

function countRules(p) {
  var n = 0;
  ["hours", "points", "grading", "rollout"].forEach(function (s) { n += Object.keys(p[s] || {}).length; });
  return n;
}

function fileName(title) {
  return (title || "本地文件").replace(/[\\/:*?"<>|？\s]/g, "").slice(0, 60) + ".yaml";
}

function status(text) { $("rules-status").textContent = text; }
function origin(text) { var o = $("rules-origin"); o.textContent = text; o.hidden = !text; }

/* Messages show beside the fields she has typed in; all of them, with the summary, once she asks for a check (or a
   file or a link filled the form): an empty form does not greet her with a list of what is missing. */
class Rules extends Page {
  constructor(root) {
    super(root);
    var self = this;
    this.last = null;
    this.touched = {};
    this.all = false;
    this.target = function (err) { return controlFor(root, err); };
    drawLists(root, function () { self.changed(); });
    this.form.addEventListener("input", function (e) { self.changed(e); });
    this.form.addEventListener("change", function (e) { self.changed(e); });
    this.watch();
    $("rules-file").addEventListener("change", function (e) {
      if (e.target.files[0]) self.importFile(e.target.files[0]);
    });
    root.querySelector("[data-rules-export]").addEventListener("click", function () { self.exportFile(); });
    root.querySelector("[data-rules-use]").addEventListener("click", function () {
      self.use($("rules-keep").checked);
    });
    root.querySelector("[data-rules-link]").addEventListener("click", function () { self.shareLink(); });
    $("rules-keep").addEventListener("change", function (e) { self.use(e.target.checked); });
    root.querySelector("[data-rules-forget]").addEventListener("click", function () {
      local.forget();
      $("rules-keep").checked = false;
      status("已从这台电脑上删除。表格中的内容还在，可以继续修改或导出。");
    });
    $("rules-draft-keep").addEventListener("change", function () { self.syncUrl(); });
    this.fromLink().then(function (linked) {
      if (!linked) {
        var start = self.loadDraft() || local.get();
        if (start) self.fill(start);
        self.all = !!(start && start.title);  /* what she typed before: its messages at once */
      }
      self.saved();
      self.run();
    });
    /* Closing the tab with rules typed and not exported, used or kept: the browser asks first. */
    window.addEventListener("beforeunload", function (e) {
      if ($("rules-draft-keep").checked || JSON.stringify(readForm(root)) === self.savedForm) return;
      e.preventDefault();
      e.returnValue = "";
    });
  }

  /* The form as it is now counts as kept (opened, imported, exported, used or shared). */
  saved() { this.savedForm = JSON.stringify(readForm(this.root)); }

  fill(p) { fillForm(this.root, p, this.changed.bind(this)); }

  /* ---- checking */
  changed(e) {
    if (e && e.target) this.touched[groupKey(e.target)] = true;
    super.changed();
  }

  /* What is remembered: the form, as a draft in this tab, and on this computer when she asks for it. */
  syncUrl() {
    try {
      var text = JSON.stringify(readForm(this.root));
      sessionStorage.setItem(DRAFT, text);
      if ($("rules-draft-keep").checked) localStorage.setItem(DRAFT, text);
      else localStorage.removeItem(DRAFT);
    } catch (e) { /* storage off: the form stays */ }
  }

  loadDraft() {
    try {
      var text = sessionStorage.getItem(DRAFT);
      if (!text && (text = localStorage.getItem(DRAFT))) $("rules-draft-keep").checked = true;
      return JSON.parse(text || "null");
    } catch (e) { return null; }
  }

  submitted() { this.all = true; }

  outgoing() { return { message: { type: "check_local", profile: readForm(this.root) } }; }

  failed(err) {
    this.result.replaceChildren(el("p", "ts-error-text", "无法检查：" + err.message));
    this.markSettled("error");
  }

  shown(err) {
    if (this.all) return true;
    var t = this.target(err);
    return !!(t && this.touched[groupKey($(t.box.id.replace(/-error$/, "")) || t.box)]);
  }

  render(res) {
    var self = this;
    var focus = this.focusErrors;
    this.focusErrors = false;
    clearErrors(this.root, this.summaryBox, $("rules-file-error"));  // a file's own problem stays until the next file
    showInherited(this.root, res.inherited);
    var actions = this.root.querySelector(".ts-rules-actions");
    var nodes = [];
    if (!res.ok) {
      this.last = null;
      actions.hidden = true;
      var visible = res.errors.filter(function (err) { return self.shown(err); });
      if (this.all) errorSummary(this.summaryBox, visible, this.target, focus);
      else visible.forEach(function (err) {
        var t = self.target(err);
        t.box.textContent = (t.box.hidden ? "" : t.box.textContent + " ") + err.message;
        t.box.hidden = false;
        if (t.control) t.control.setAttribute("aria-invalid", "true");
      });
      nodes.push(el("p", "ts-verdict", "✘ 这份文件还有 " + res.errors.length + " 处需要填写或修改" +
        (visible.length < res.errors.length ? "，点“检查这份文件”可看到全部说明。" : "，说明在对应的格子旁边。")));
    } else {
      this.last = res;
      actions.hidden = false;
      var parent = $("extends").selectedOptions[0];
      nodes.push(el("p", "ts-verdict", "✔ 这份文件可以使用：写明了 " + countRules(res.profile) + " 条规定，其余沿用《" +
        (parent ? parent.textContent.split(" — ")[0] : "") + "》。"));
      if (res.conflicts.length) {
        nodes.push(el("h3", null, "与上级文件不同的规定"));
        var ul = el("ul", "ts-rules-conflicts");
        res.conflicts.forEach(function (c) {
          var li = el("li", null, c.message);
          li.setAttribute("data-conflict", c.kind);
          ul.appendChild(li);
        });
        nodes.push(ul);
      } else {
        nodes.push(el("p", null, "写明的规定与上级文件没有不同。"));
      }
      nodes.push(el("p", "ts-hint", "各工具按这份文件计算时，引用你填写的原文，并注明“用户录入，未经本站核对”。"));
      $("rules-keep").checked = local.kept();
    }
    this.result.replaceChildren.apply(this.result, nodes);
    this.markSettled(res.ok ? "pass" : "error");
  }

  /* ---- import, export, keep, link */
  importFile(file) {
    var self = this;
    var box = $("rules-file-error");
    box.hidden = true;
    engine.call({ type: "import_local_file", file: file }).then(function (reply) {
      var res = reply.response;
      /* What the form cannot show beside a field (the file itself, a key it has no place for) is said here, as the
         command line lists it: nothing in the file is dropped without a word. */
      var fileErrors = (res.listed || res.errors).filter(function (e) {
        return /^(file|format_version)$/.test(e.field) || !self.target(e);
      });
      if (res.profile) {
        self.fill(res.profile);
        origin("已导入《" + (res.profile.title || file.name) + "》，内容已填进下面的表格" +
          (res.ok ? "。" : "，有问题的地方见各格旁的说明。"));
      }
      if (fileErrors.length) {
        box.textContent = fileErrors.map(function (e) { return e.message; }).join(" ") + (res.more ? " " + res.more : "") +
          (res.profile ? " 已按本站现在的格式填入下面的表格，请逐项核对。" : "");
        box.hidden = false;
      }
      self.syncUrl();
      self.saved();
      self.all = true;
      self.run();
    }, function () {
      box.textContent = "无法读取这个文件，请确认它是本页导出的 .yaml 文件。";
      box.hidden = false;
    });
  }

  exportFile() {
    if (!this.last) return;
    var name = fileName(this.last.profile.title);
    download(new TextEncoder().encode(this.last.yaml), name);
    this.saved();
    status("已导出“" + name + "”。同事在本页点“导入同事发来的文件”选择它即可。");
  }

  use(keep) {
    if (!this.last) return;
    var ok = local.put(this.last.profile, keep);
    if (ok) this.saved();
    status(!ok ? "这个浏览器不允许保存，请改用“导出文件”。" : keep ?
      "已保存在这台电脑上：各工具的文件列表中会出现“" + local.label(this.last.profile) + "”。" :
      "在本次打开的浏览器窗口中，各工具的文件列表里会出现“" + local.label(this.last.profile) + "”。");
  }

  shareLink() {
    if (!this.last) return;
    var box = $("rules-link");
    local.link(this.last.profile, location.origin + location.pathname).then(function (got) {
      box.hidden = false;
      box.replaceChildren();
      if (!got.fits) {
        box.setAttribute("data-fits", "false");
        box.textContent = "这份文件放不进一个链接：需要 " + got.length + " 个字符，本站的链接最长 " +
          URL_LIMIT + " 个字符（微信等处更长的链接可能打不开）。请用“导出文件”发给同事。";
        return;
      }
      box.setAttribute("data-fits", "true");
      var a = el("a", null, "分享链接（" + got.length + " 个字符）");
      a.href = got.href;
      box.appendChild(a);
      return copyText(got.href).then(function () {
        status("链接已复制，可以粘贴到微信等处发给同事。");
      }, function () { status("请长按或右键上面的链接复制。"); });
    });
  }

  fromLink() {
    var self = this;
    var code = linkParams().get("p");
    if (!code) return Promise.resolve(false);
    return local.decode(code).then(function (p) {
      self.fill(p);
      origin("这份文件来自同事分享的链接，内容已填进下面的表格；核对无误后可在下面选择使用或保存。");
      self.all = true;
      return true;
    }, function () {
      origin("链接中的文件已损坏或不完整，无法打开；请让同事重新复制链接，或发送导出的文件。");
      return false;
    });
  }
}
Rules.prototype.delay = 250;

boot(".ts-rules[data-tool=rules]", function (root) { new Rules(root); });
