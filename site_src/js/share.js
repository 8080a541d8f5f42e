/* Sharing a result: 复制链接 and the link as a QR code, under the result of every tool page. */
import { el, loadScript } from "./dom.js";

/* On a plain-http intranet the Clipboard API is not there; the old copy command still is. */
export function copyText(text) {
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
    qrLibrary = loadScript(new URL("__QRCODE_JS__", import.meta.url).href);  // the build names the versioned path
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
export function ShareBar(root, result, note) {
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
