/* A page's link: what it carries stands after "#" ("#?online=20&practice=28"), which browsers never send, so a reload
   or a shared link takes nothing typed to the server. Links shared before, with the answers in the query, still
   open: read once, their answers move behind "#" as soon as the page's scripts run, before they ask for anything. */
import { el } from "./dom.js";
import { download } from "./files.js";

/* An address of 2,000 characters opens everywhere a teacher shares one: nginx and IIS accept 8 KB and more, WeChat's
   browser and old IE stop near 2,048. Past that, the answer is not written into the address (nginx would answer 414
   and a shared link would break); the page says so and offers "remember on this computer" and a small link file
   whose data sits after "#". */
export var URL_LIMIT = 2000;

export function fitsUrl(query) {
  return (location.origin + location.pathname).length + 1 + String(query).length <= URL_LIMIT;
}

function hashParams() {
  var h = location.hash.replace(/^#\??/, "");
  return new URLSearchParams(h.indexOf("=") >= 0 ? h : "");  // "#result" is a place on the page, not answers
}

export function linkParams() {
  var params = new URLSearchParams(location.search);
  hashParams().forEach(function (v, k) { params.set(k, v); });
  return params;
}

/* What a link must carry besides the form, given the link's query text (a user's own document: local-profile.js). */
var carried = [];
export function carry(add) { carried.push(add); }

/* The page's link becomes this query string (a URLSearchParams or its text), after "#?". */
export function writeLink(query) {
  var q = carried.reduce(function (text, add) { return add(text); }, String(query));
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
export function longLink(root, before, query, remember) {
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
