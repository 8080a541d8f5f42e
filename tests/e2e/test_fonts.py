"""The browser draws the site's Chinese with a real Chinese font. Without one (a fresh machine), every character is
the same empty box: screenshots, layouts and printed PDFs would then check nothing a teacher sees, so this fails.

Each distinct Chinese character of a page is drawn on a canvas in the page's own font stack; every one must differ
from the missing-glyph box and from every other one."""

from __future__ import annotations

import pytest

from tests.e2e.pagestate import settle

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion

GLYPHS = """() => {
  const text = document.body.innerText;
  const chars = Array.from(new Set(Array.from(text).filter((c) => c >= "\\u4e00" && c <= "\\u9fff")));
  const family = getComputedStyle(document.body).fontFamily;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  g.font = "40px " + family;
  g.textBaseline = "top";
  const shape = (c) => {
    g.clearRect(0, 0, 48, 48);
    g.fillText(c, 2, 2);
    const alpha = g.getImageData(0, 0, 48, 48).data;
    let h = 0, ink = 0;
    for (let i = 3; i < alpha.length; i += 4) {
      h = (Math.imul(h, 31) + alpha[i]) | 0;
      ink += alpha[i] > 0;
    }
    return h + ":" + ink;
  };
  return { family, missing: shape("\\u0378"), shapes: chars.map((c) => [c, shape(c)]) };
}"""


@pytest.mark.parametrize("url", ["/", "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30",
                                 "/profiles/guangan-2014/", "/guide/conflicts/"])
def test_chinese_text_is_drawn_with_a_chinese_font(page, url):
    page.goto(url)
    if "?" in url:
        page.wait_for_selector("#result[data-status]", timeout=ENGINE_TIMEOUT)
    settle(page)
    seen = page.evaluate(GLYPHS)
    shapes = dict(seen["shapes"])
    assert len(shapes) >= 50, f"{url}: only {len(shapes)} distinct Chinese characters on the page"
    assert "Micro Hei" in seen["family"] or "CJK" in seen["family"], seen["family"]  # the site's own font stack
    boxes = [c for c, s in shapes.items() if s == seen["missing"] or s.endswith(":0")]
    assert not boxes, (f"{url}: {len(boxes)} of {len(shapes)} characters are drawn as the missing-glyph box or not "
                       f"at all (e.g. {''.join(boxes[:20])}): install a Chinese font (apt-get install "
                       f"fonts-wqy-microhei)")
    alike = len(shapes) - len(set(shapes.values()))
    assert alike == 0, f"{url}: {alike} characters share a shape with another one: the font has no Chinese glyphs"
