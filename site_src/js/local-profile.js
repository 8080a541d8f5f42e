/* A school's or county's own document (录入本地文件, /tools/rules/) on every tool page.

   Kept in this tab (sessionStorage) once she chooses "在各工具中使用", on this computer (localStorage) only when she
   ticks "保存在这台电脑上". On a tool page it adds "本地文件：<title>" to the document list and, when that is chosen,
   sends the file with the request (`local_profile`; the engine checks and resolves it: tisheng.local). The page base
   (page.js) calls enhance() before the page starts, so the option exists when the form is filled from the address.
   Also the link format: "#?p=" + base64url(deflate(JSON)) — after "#", so never sent to a server. */
import { el } from "./dom.js";
import { engine } from "./engine.js";
import { carry, linkParams, URL_LIMIT } from "./link.js";

var PROFILE_KEY = "tisheng-local-profile";
var shared = null;  // a document opened from a colleague's link: used in this tab, kept nowhere
var code = null;    // the document in use, as a link carries it ("p"), once made

function read(store) {
  try {
    var text = store.getItem(PROFILE_KEY);
    var obj = text ? JSON.parse(text) : null;
    return obj && typeof obj === "object" && obj.title ? obj : null;
  } catch (e) {
    return null;
  }
}
export function get() { return shared || read(window.sessionStorage) || read(window.localStorage); }
export function kept() { return !!read(window.localStorage); }
export function put(profile, keep) {
  var text = JSON.stringify(profile);
  try {
    window.sessionStorage.setItem(PROFILE_KEY, text);
    if (keep) window.localStorage.setItem(PROFILE_KEY, text);
    else window.localStorage.removeItem(PROFILE_KEY);
    return true;
  } catch (e) {
    return false;
  }
}
export function forget() {
  try {
    window.localStorage.removeItem(PROFILE_KEY);
    window.sessionStorage.removeItem(PROFILE_KEY);
  } catch (e) { /* storage switched off: nothing was kept */ }
}

/* ---- links: "z" + deflate, or "j" + plain JSON where the browser has no CompressionStream */
function b64(bytes) {
  var s = "";
  for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function unb64(text) {
  var s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  var out = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
function pipe(bytes, stream) {
  return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) {
    return new Uint8Array(b);
  });
}
function encode(profile) {
  var bytes = new TextEncoder().encode(JSON.stringify(profile));
  if (typeof CompressionStream === "undefined") return Promise.resolve("j" + b64(bytes));
  return pipe(bytes, new CompressionStream("deflate")).then(function (z) { return "z" + b64(z); });
}
export function decode(code) {
  return Promise.resolve().then(function () {
    var kind = code.charAt(0);
    var bytes = unb64(code.slice(1));
    if (kind === "j") return bytes;
    if (kind !== "z") throw new Error("kind");
    if (typeof DecompressionStream === "undefined") throw new Error("old");
    return pipe(bytes, new DecompressionStream("deflate"));
  }).then(function (bytes) { return JSON.parse(new TextDecoder().decode(bytes)); });
}
export function link(profile, base) {
  return encode(profile).then(function (code) {
    var href = base + "#?p=" + code;
    return { href: href, length: href.length, fits: href.length <= URL_LIMIT };
  });
}

export function label(profile) { return "本地文件：" + profile.title; }

/* ---- tool pages */
function states(profile, section) { return !!(profile[section] && Object.keys(profile[section]).length); }

function addOption(select, profile, tool) {
  if (!select || select.querySelector('option[value="local"]')) return false;
  var section = { grade: "grading" }[tool] || tool;
  var parentListed = !!select.querySelector('option[value="' + profile.extends + '"]');
  if (!parentListed && !states(profile, section)) return false;
  var opt = document.createElement("option");
  opt.value = "local";
  opt.textContent = label(profile);
  select.appendChild(opt);
  return true;
}

function gradeField(id, name, labelText, hint) {
  var box = document.createElement("div");
  box.className = "ts-field";
  var l = document.createElement("label");
  l.htmlFor = id;
  l.textContent = labelText;
  var h = document.createElement("p");
  h.className = "ts-hint";
  h.id = id + "-hint";
  h.textContent = hint;
  var e = document.createElement("p");
  e.className = "ts-error";
  e.id = id + "-error";
  e.hidden = true;
  var input = document.createElement("input");
  input.id = id;
  input.name = name;
  input.type = "text";
  input.setAttribute("inputmode", "decimal");
  input.setAttribute("autocomplete", "off");
  input.setAttribute("data-input", "");
  input.setAttribute("aria-describedby", id + "-hint " + id + "-error");
  box.append(l, h, e, input);
  return box;
}

/* The grade page draws one set of questions per document; the file's own parts, or its parent's set. */
function gradeSet(form, profile) {
  var sets = form.querySelectorAll(".ts-grade-set");
  if (!sets.length) return;
  var set;
  var comps = profile.grading && profile.grading.components;
  if (comps) {
    set = document.createElement("fieldset");
    set.className = "ts-grade-set";
    var legend = document.createElement("legend");
    legend.textContent = label(profile);
    set.appendChild(legend);
    comps.value.forEach(function (c) {
      set.appendChild(gradeField("local-" + c.id, c.id, c.label + "（占 " + Math.round(c.weight * 1000) / 10 + "%）",
        "0–100 分。"));
    });
  } else {
    var parent = form.querySelector('.ts-grade-set[data-profile="' + profile.extends + '"]');
    if (!parent) return;
    set = parent.cloneNode(true);
    set.querySelectorAll("[id]").forEach(function (n) { n.id = "local-" + n.id; });
    set.querySelectorAll("label[for]").forEach(function (n) { n.htmlFor = "local-" + n.htmlFor; });
    set.querySelectorAll("[aria-describedby]").forEach(function (n) {
      n.setAttribute("aria-describedby", n.getAttribute("aria-describedby").split(" ").map(function (x) {
        return "local-" + x;
      }).join(" "));
    });
  }
  set.setAttribute("data-profile", "local");
  sets[sets.length - 1].after(set);
}

/* The points page reads its documents from a JSON block when it starts: add the file as its parent's copy. */
function pointsData(profile) {
  var node = document.getElementById("points-data");
  if (!node) return;
  var data = JSON.parse(node.textContent);
  var base = data.profiles[profile.extends] || { catalog: "national-2019", readings: [], needs_age: false,
    range: [], classrooms: null };
  var own = profile.points || {};
  var entry = Object.assign({}, base, { title: profile.title, short: label(profile) });
  if (own.teacher_count_min) entry.readings = [];
  if (own.school_range) entry.range = own.school_range.value.slice();
  if (own.age_rules) entry.needs_age = !own.teacher_count_min;
  data.profiles.local = entry;
  node.textContent = JSON.stringify(data);
}

function sendWith(profile) {
  engine.shape(function (msg) {
    if (msg && (msg.type === "evaluate" || msg.type === "batch") && msg.request && msg.request.profile === "local") {
      return Object.assign({}, msg, { request: Object.assign({}, msg.request, { local_profile: profile }) });
    }
    return msg;
  });
}

/* Citations of her rules link to the page where the file is typed in, not to a document page of the site. */
function relink(root) {
  var site = root.getAttribute("data-site-root") || "/";
  new MutationObserver(function () {
    root.querySelectorAll('a[href$="profiles/local/"]').forEach(function (a) { a.href = site + "tools/rules/"; });
  }).observe(root, { childList: true, subtree: true });
}

/* A link made on her own document carries the document ("p"), so it opens the same answer on a colleague's device:
   there it is used in that tab only, and said to be a colleague's. Resolves when the page can start. */
export function arrive() {
  var params = linkParams();
  if (params.get("profile") !== "local" || !params.get("p")) return null;
  return decode(params.get("p")).then(function (p) {
    if (p && typeof p === "object" && typeof p.title === "string" && p.title) shared = p;
  }, function () { /* damaged: the page says the document is not here */ });
}

/* Where the link names her own document and this device has none: say so, and where to import it. */
function missing(root) {
  var site = root.getAttribute("data-site-root") || "/";
  var box = el("div", "ts-notice ts-local-missing");
  box.setAttribute("role", "alert");
  box.appendChild(el("p", null, "这个链接按一份学校自己录入的文件（本地文件）计算，这台设备上没有这份文件，所以无法按它计算。"));
  var p = el("p", null, "请向发链接的同事要这份文件（在“录入本地文件”页导出的文件，或带文件的链接），");
  var a = el("a", null, "在“录入本地文件”页导入");
  a.href = site + "tools/rules/";
  p.appendChild(a);
  p.appendChild(document.createTextNode("后再打开这个链接；也可以在下面改选本站收录的文件。"));
  box.appendChild(p);
  root.insertBefore(box, root.firstChild);
}

var TOOLS = ["hours", "points", "grade", "rollout", "evidence", "me"];

/* On a tool page, before it starts: the kept document in its list, and sent with the requests that choose it. */
export function enhance() {
  var profile = get();
  if (!profile) {
    if (linkParams().get("profile") === "local") {
      document.querySelectorAll("[data-tool]").forEach(function (root) {
        if (TOOLS.indexOf(root.getAttribute("data-tool")) >= 0) missing(root);
      });
    }
    return;
  }
  var added = false;
  document.querySelectorAll("[data-tool]").forEach(function (root) {
    var tool = root.getAttribute("data-tool");
    var form = root.querySelector("form");
    if (!form || TOOLS.indexOf(tool) < 0) return;
    if (!addOption(form.querySelector("select#profile"), profile, tool)) return;
    added = true;
    if (tool === "grade") gradeSet(form, profile);
    if (tool === "points") pointsData(profile);
    relink(root);
  });
  if (!added) return;
  sendWith(profile);
  encode(profile).then(function (c) {
    code = c;
    carry(function (text) { return /(^|&)profile=local(&|$)/.test(text) ? text.replace(/(^|&)p=[^&]*/, "") + "&p=" + code : text; });
    if (linkParams().get("profile") === "local") {  // the link already written gets the document too
      var q = linkParams();
      q.delete("p");
      history.replaceState(null, "", location.pathname + "#?" + q.toString() + "&p=" + code);
    }
  });
  if (shared) {
    document.querySelectorAll('option[value="local"]').forEach(function (o) { o.textContent = "同事分享的文件：" + shared.title; });
  }
}
