/* A calculator page (学时、成绩、材料、能力点、我的考核进度): its named controls are the request's input, the link's
   query and what is remembered; the answer is a verdict, findings with their citations, notes and a print bar.
   A page's own script subclasses Tool and fills in its hooks: setup() (before the first run), adjustRequest(req,
   filled) → the request or null (nothing to ask yet), addToAnswer(res, out) (the nodes drawn, in order). */
import { contact, el, field, today, words } from "./dom.js";
import { boot, headline, Page } from "./page.js";
import { fitsUrl, linkParams, longLink, writeLink } from "./link.js";
import { LiveBar } from "./live.js";
import { Memory } from "./memory.js";
import { ShareBar } from "./share.js";

export class Tool extends Page {
  constructor(root) {
    super(root);
    this.remember = root.querySelector("[data-remember]");
    this.memory = new Memory("tisheng:" + this.tool, this.remember);
    this.share = new ShareBar(root, this.result);
    this.live = new LiveBar(root, this.result);
    this.prefill();
    var self = this;
    this.setup();
    this.watch();
    if (this.remember) {
      this.remember.addEventListener("change", function () { self.store(); });
      root.querySelector("[data-forget]").addEventListener("click", function () { self.forget(); });
    }
    this.form.addEventListener("input", function () { self.changed(); });
    this.form.addEventListener("change", function () { self.changed(); });
    this.run();
  }

  setup() {}

  adjustRequest(req, filled) { return filled ? req : null; }

  addToAnswer() {}

  /* Named controls; disabled ones (e.g. fields of another policy that the page has switched off) count as absent. */
  controls(all) {
    return Array.prototype.filter.call(this.form.elements, function (c) {
      return c.name && c.type !== "submit" && (all || !c.disabled);
    });
  }

  store() {
    if (!this.remember) return;
    var values = {};
    this.controls().forEach(function (c) { values[c.name] = c.value; });
    this.memory.set(JSON.stringify(values));
  }

  forget() {
    this.memory.forget();
    this.controls().forEach(function (c) {
      if (c.tagName !== "SELECT") c.value = "";
      else if (c.hasAttribute("data-default")) c.value = c.getAttribute("data-default");
    });
    this.changed();
  }

  prefill() {
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
          var opt = el("option", null, v === "local" ? "（本地文件：这台设备上没有）" : "（链接中的未知政策：" + v + "）");
          opt.value = v;
          c.appendChild(opt);
        }
      }
      c.value = v;
    });
  }

  syncUrl() {
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
  }

  request() {
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
    return this.adjustRequest(req, filled);
  }

  outgoing() {
    var req = this.request();
    return req && { message: { type: "evaluate", request: req } };
  }

  target(err) {
    var name = String(err.field || "").replace(/^input\./, "");
    var control = field(this.form, name);
    if (!control || !control.id) return null;
    return { control: control, box: this.root.querySelector("#" + control.id + "-error") };
  }

  render(res) {
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
    if (res.late) {  // a date that has passed: said before the answer; how to ask about another day, on screen only
      var late = out[out.push(el("p", "ts-late", res.late)) - 1];
      if (contact()) late.appendChild(el("span", "ts-late-contact", contact()));  // whom to ask, where the host says
      if (this.form.elements.namedItem("today") && words().changeDay) {
        late.appendChild(el("span", "ts-screen-only", words().changeDay));
      }
    }
    out.push(verdict);
    /* A second sentence only where it says more than the first: the engine says so (`more`, null when its summary
       only restates the headline); a tool that does not, by comparing the two. */
    var more = "more" in res ? res.more :
      (res.summary && res.summary !== lead && res.summary.indexOf(lead) < 0 ? res.summary : null);
    if (more) out.push(el("p", "ts-summary", more));
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
    this.addToAnswer(res, out);
    out.push(printBar());
    if (res.band) this.result.setAttribute("data-band", res.band);
    else this.result.removeAttribute("data-band");
    this.result.replaceChildren.apply(this.result, out);
    this.markSettled(res.status);
    this.live.set((res.decided === false ? "○ " : pass ? "✔ " : "✘ ") + (res.brief || lead), res.status);  // short: a passed date only mentioned
  }

  /* The reading choice lists every profile's options (data-profile); show only the chosen profile's, and the
     field only when it has some. A reading that belongs to another profile is dropped when the profile changes. */
  showReadings(changed) {
    var select = this.form.elements.namedItem("reading");
    if (!select) return;
    var profile = this.form.elements.namedItem("profile").value;
    var any = false;
    Array.prototype.forEach.call(select.options, function (o) {
      var own = o.getAttribute("data-profile");
      o.hidden = o.disabled = own !== null && own !== profile;
      if (own === profile) any = true;
    });
    if (select.selectedOptions.length && select.selectedOptions[0].disabled) select.value = "";
    if (changed && select.value && !any) select.value = "";
    select.disabled = !any && !select.value;
    this.root.querySelector("#reading-field").hidden = select.disabled;
  }
}

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

/* A calculator page's script starts its page: `Kind` is Tool or the page's own subclass. */
export function startTool(Kind) {
  boot(".ts-tool[data-tool]", function (root) { new Kind(root); });
}
