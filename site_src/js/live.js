import { el } from "./dom.js";

/* While the result is out of view (below a long form, or on a phone), its first sentence stays in view at the
   bottom of the window, with a link down to the whole answer. */
export function LiveBar(root, result) {
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
