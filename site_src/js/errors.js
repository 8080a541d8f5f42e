import { el } from "./dom.js";

/* GOV.UK-style error summary, shared by every tool page: each error listed, linked to its field (which shows the
   message beside it and gets aria-invalid); errors that belong to no field are listed as text. `target(err)`
   returns {control, box} or null. */
export function errorSummary(summaryBox, errors, target, focus) {
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

/* The errors shown go: every message box beside a field (but `keep`, a box whose message stands until its own
   field changes), every aria-invalid, the summary and the title's "错误：". */
export function clearErrors(root, summaryBox, keep) {
  root.querySelectorAll(".ts-error").forEach(function (p) {
    if (p === keep) return;
    p.hidden = true;
    p.textContent = "";
  });
  root.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
  summaryBox.hidden = true;
  document.title = document.title.replace(/^错误：/, "");
}
