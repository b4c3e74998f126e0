"""WCAG 2.1 A and AA by axe-core, and a site that works by keyboard alone."""

import pytest

from core.i18n import LANGUAGE_CODES

from .conftest import AXE_SCRIPT
from .pages import expected_status, public_pages, report

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
        v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""

FOCUSED_ELEMENT = """() => {
    const element = document.activeElement;
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName.toLowerCase(),
        href: element.getAttribute("href"),
        text: element.innerText.trim(),
        inViewport: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
        inMain: !!document.querySelector("main") && document.querySelector("main").contains(element),
    };
}"""

# Marks the focused element and returns how its focus shows; called after each Tab.
PROBE_FOCUS = """(index) => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    element.dataset.focusProbe = index;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        label: `${element.tagName.toLowerCase()} "${(element.innerText || element.value || "").trim().slice(0, 40)}"`,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        shadow: style.boxShadow,
        visibleOutline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        visibleShadow: style.boxShadow !== "none",
        hasSize: box.width > 0 && box.height > 0,
    };
}"""

UNFOCUSED_STYLES = """() => {
    document.activeElement.blur();
    return Array.from(document.querySelectorAll("[data-focus-probe]")).map(element => {
        const style = getComputedStyle(element);
        return [element.dataset.focusProbe, `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                style.boxShadow];
    });
}"""

TABS_PER_PAGE = 12


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_public_page_has_a_wcag_21_aa_violation(live_site, code):
    violations = {}
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name), bypass_csp=True) as page:
            page.add_script_tag(path=str(AXE_SCRIPT))
            found = page.evaluate(RUN_AXE, WCAG_TAGS)
        if found:
            violations[f"{name} {path}"] = found
    assert not violations, report(violations)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_first_tab_shows_a_skip_link_that_moves_focus_to_the_main_content(live_site, code):
    problems = {}
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name)) as page:
            page.keyboard.press("Tab")
            link = page.evaluate(FOCUSED_ELEMENT)
            page.keyboard.press("Enter")
            after = page.evaluate(FOCUSED_ELEMENT)
            if not after["inMain"]:
                page.keyboard.press("Tab")
                after = page.evaluate(FOCUSED_ELEMENT)
        is_skip_link = link["tag"] == "a" and (link["href"] or "").startswith("#") and link["inViewport"]
        if not (is_skip_link and link["text"] and after["inMain"]):
            problems[f"{name} {path}"] = {"first tab": link, "after Enter": after}
    assert not problems, report(problems)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_element_reached_by_tab_shows_that_it_has_focus(live_site, code):
    problems = {}
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name)) as page:
            focused = []
            for index in range(TABS_PER_PAGE):
                page.keyboard.press("Tab")
                probe = page.evaluate(PROBE_FOCUS, index)
                if probe is None:
                    break
                focused.append(probe)
            unfocused = {index: (outline, shadow) for index, outline, shadow in page.evaluate(UNFOCUSED_STYLES)}
        assert focused, f"Tab reaches nothing on {name} {path}"
        for index, probe in enumerate(focused):
            changes = unfocused.get(str(index)) != (probe["outline"], probe["shadow"])
            shows = probe["visibleOutline"] or probe["visibleShadow"]
            if not (probe["hasSize"] and shows and changes):
                problems.setdefault(f"{name} {path}", []).append(probe)
    assert not problems, report(problems)
