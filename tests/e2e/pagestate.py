"""Waiting for a page to be still before it is measured (axe, screenshots, layout, print).

Every browser context emulates `prefers-reduced-motion: reduce` (see conftest.py) and the site honours it, so no
transition or animation is ever half-way. On top of that, `settle` waits for states, never for time: the fonts are
loaded, no animation is running, no answer is being recomputed, and two frames have been drawn since."""

from __future__ import annotations

SETTLED = """() => {
  const running = document.getAnimations().filter((a) => a.playState === "running" || a.pending);
  const busy = document.querySelector("#result[aria-busy='true']");
  return document.readyState === "complete" && document.fonts.status === "loaded" && !running.length && !busy;
}"""

TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def settle(page, timeout: float = 30_000) -> None:
    page.wait_for_function(SETTLED, timeout=timeout)
    page.evaluate(TWO_FRAMES)
    page.wait_for_function(SETTLED, timeout=timeout)


def scrolled_to(locator, timeout: float = 30_000):
    """The element scrolled into view, once it is drawn: the staff-list pages draw what lies below the table
    (content-visibility: auto) only as it comes near the screen, so until then its innerText is empty."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function("(e) => (e.firstElementChild || e).checkVisibility({ contentVisibilityAuto: true })",
                                   arg=locator.element_handle(), timeout=timeout)
    return locator


def axe_serious(page, disabled: tuple[str, ...] = ()) -> list[str]:
    """Serious and critical axe violations of the settled page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    settle(page)
    options: dict = {"resultTypes": ["violations"]}
    if disabled:
        options["rules"] = {rule: {"enabled": False} for rule in disabled}
    results = Axe().run(page, options=options)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} × e.g. "
            f"{[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
