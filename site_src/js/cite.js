import { el } from "./dom.js";

/* "依据：《document》 section “quote”", linking to the profile page the rule belongs to. */
export function citation(src, inheritedFrom, siteRoot, profile) {
  var box = el("p", "ts-cite");
  if (!src.title && !src.doc) { box.hidden = true; return box; } /* a note of the tool's own: no document to cite */
  box.appendChild(el("span", "ts-cite-label", "依据："));
  var link = el("a", null, "《" + (src.title || src.doc || "") + "》");
  link.href = siteRoot + "profiles/" + encodeURIComponent(profile) + "/";
  box.appendChild(link);
  if (src.via_title) {  // known only through a document that quotes it; the section is that document's
    box.appendChild(document.createTextNode(" 经《" + src.via_title + "》" + (src.section || "") + "转述"));
  } else if (src.section) {
    box.appendChild(document.createTextNode(" " + src.section));
  }
  if (src.quote) box.appendChild(el("q", null, src.quote));
  if (inheritedFrom) box.appendChild(el("span", "ts-inherited", "（上级文件规定，本文件沿用）"));
  return box;
}

/* The same as a line of text, for the staff-list pages' tables and printed sheets: "《document》section“quote”". */
export function citeText(src) {
  return "《" + (src.title || src.doc || "") + "》" + (src.section || "") + "“" + (src.quote || "") + "”";
}
