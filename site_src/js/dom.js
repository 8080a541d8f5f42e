/* Small helpers every page script uses: elements, a table head, the vocabulary's words, today's date, a script
   loaded on first use. All text that comes from data or from the user is set with textContent. */

export function el(tag, cls, text) {
  var node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

/* A table head of one row of column headers. */
export function thead(labels) {
  var head = el("thead");
  var tr = head.appendChild(el("tr"));
  labels.forEach(function (label) {
    var th = tr.appendChild(el("th", null, label));
    th.scope = "col";
  });
  return head;
}

/* The vocabulary's words a page shows (data/vocabulary.yaml, in the page's #ts-words block, written by the build):
   hourKinds and bands as [id, label] in the vocabulary's order, band[id] → label. */
var wordsRead = null;
export function words() {
  if (!wordsRead) {
    var node = document.getElementById("ts-words");
    var raw = node ? JSON.parse(node.textContent) : {};
    wordsRead = { hourKinds: raw.hour_kinds || [], bands: raw.bands || [], band: {}, changeDay: raw.change_day || "" };
    wordsRead.bands.forEach(function (b) { wordsRead.band[b[0]] = b[1]; });
  }
  return wordsRead;
}

/* The host's own contact (mkdocs.yml extra.contact, the page's #ts-contact block) as one line, or "" when none. */
export function contact() {
  var node = document.getElementById("ts-contact");
  if (!node) return "";
  var c = JSON.parse(node.textContent);
  var who = [c.name, c.phone].filter(Boolean).join(" ");
  return who ? "本地咨询：" + who + (c.note ? "（" + c.note + "）" : "") + "。" : "";
}

/* A form's field by name: where several documents each have one (grade's 等次, a staff list's reading), the one in
   use, the others being disabled. */
export function field(form, name) {
  var c = name ? form.elements.namedItem(name) : null;
  if (c && !c.tagName && c.length) c = Array.prototype.find.call(c, function (x) { return !x.disabled; }) || c[0];
  return c;
}

/* The reader's today, on this computer's clock: "2026年12月7日" to read, or "2026-12-07" (iso) for the engine. */
export function today(iso) {
  var d = new Date();
  if (iso) return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
}

/* A classic script (a library that sets a global: ECharts, the QR code) added to the page once it is wanted. */
export function loadScript(src) {
  return new Promise(function (resolve, reject) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = function () { reject(new Error(src)); };
    document.head.appendChild(s);
  });
}
