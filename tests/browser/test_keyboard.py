"""Keyboard use (WCAG 2.1.1, 2.4.7, 1.4.11; docs/accessibility.md): tabbing through long pages in
a small window (683×384, a laptop zoomed to 200%), every focus stop is inside the window, not under
a sticky bar or the sticky section tabs, and shows a focus indicator of at least 3:1 against what
surrounds it."""

import pytest
from django.urls import reverse

from pilots.models import PilotProject
from scoring.models import ScoreSheet

# The focused element, and what is wrong with how it is shown: outside the window, covered, under a
# sticky or fixed bar, or without a focus indicator of 3:1 against what surrounds it.
FOCUS_STOP = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Let a smooth scroll to the focused element end (Bootstrap's scroll-behavior).
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  for (let still = 0, last = null; still < 3;) {
    await frame();
    const now = `${scrollX},${scrollY}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
  const parse = (text) => {
    const m = text.match(/rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? ?\\/? ?([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const colours = (text) => (text.match(/rgba?\\([^)]*\\)/g) || []).map(parse);
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  // The colours that can show behind a point of this element: its background and its
  // ancestors', and every colour of a gradient, laid over each other down to white.
  const backgrounds = (node) => {
    const layers = [];
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      const stops = colours(style.backgroundImage);
      const colour = parse(style.backgroundColor) || [0, 0, 0, 0];
      layers.push(stops.length ? stops.concat([colour]) : [colour]);
      if (colour[3] === 1) break;
    }
    let below = [[255, 255, 255]];
    for (const layer of layers.reverse()) {
      below = layer.flatMap((top) => below.map((b) => over(top, b)));
    }
    return below;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const describe = (node) => node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
    Array.from(node.classList, (c) => "." + c).join("") +
    (node.getAttribute("name") ? `[name=${node.getAttribute("name")}]` : "");
  const text = el.getAttribute("aria-label") || el.innerText || "";
  const name = describe(el) + (text.trim() ? ` "${text.trim().slice(0, 40)}"` : "");
  const problems = [];
  const rect = el.getBoundingClientRect();
  // The centre of each line of a link that wraps, else of the element.
  for (const part of el.getClientRects().length ? el.getClientRects() : [rect]) {
    const x = part.left + part.width / 2, y = part.top + part.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
      problems.push("is outside the window");
      break;
    }
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el.contains(hit) || (el.labels && Array.from(el.labels).includes(hit)))) {
      problems.push("is covered at its centre by " + (hit ? describe(hit) : "nothing"));
      break;
    }
  }
  for (const bar of document.querySelectorAll("body *")) {
    const position = getComputedStyle(bar).position;
    if ((position !== "sticky" && position !== "fixed") || bar.contains(el)) continue;
    const b = bar.getBoundingClientRect();
    if (b.width && b.height && rect.left < b.right && b.left < rect.right &&
        rect.top < b.bottom && b.top < rect.bottom) {
      problems.push(`is under the ${position} ${describe(bar)}`);
    }
  }
  const style = getComputedStyle(el);
  let indicator = null;
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
    indicator = parse(style.outlineColor);
  } else if (style.boxShadow !== "none") {
    indicator = colours(style.boxShadow)[0];
  }
  if (!indicator || indicator[3] === 0) {
    problems.push("shows no focus indicator");
  } else {
    // An outline drawn outside the element lies on its parent's background; inside, on its own.
    const around = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
    const ratio = Math.min(...backgrounds(around).map((bg) => contrast(over(indicator, bg), bg)));
    if (ratio < 3) problems.push(`has a focus indicator of only ${ratio.toFixed(2)}:1`);
  }
  return {name, problems};
}"""
MAX_FOCUS_STOPS = 400
WINDOW = {"width": 683, "height": 384}


def _demo_score_sheet():
    return ScoreSheet.objects.get(panel_member__reviewer__username="reviewer2", status="draft")


def _demo_open_pilot():
    return PilotProject.objects.get(
        pk=_demo_score_sheet().panel_member.panel.acceptance_review.pilot_id
    )


KEYBOARD_PAGES = {
    # A long form whose save and submit buttons stick to the bottom of the window.
    "score sheet": ("reviewer2", lambda: _demo_score_sheet().get_absolute_url()),
    # A long form, and a long page whose section tabs stick to the top of the window.
    "pilot edit form": (
        "staff",
        lambda: reverse("pilots:pilot-edit", args=[_demo_open_pilot().pk]),
    ),
    "pilot page": ("staff", lambda: _demo_open_pilot().get_absolute_url()),
}


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_focus_stays_visible_and_marked(page, live_server, demo_data, login, name):
    username, address = KEYBOARD_PAGES[name]
    login(username)
    page.wait_for_url(f"{live_server.url}/")
    page.set_viewport_size(WINDOW)
    page.goto(f"{live_server.url}{address()}")

    stops, problems = [], []
    for _ in range(MAX_FOCUS_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            break
        stops.append(stop["name"])
        problems += [f"{stop['name']} {problem}" for problem in stop["problems"]]

    assert 10 < len(stops) < MAX_FOCUS_STOPS, f"{len(stops)} focus stops on the {name}"
    assert problems == [], f"tabbing through the {name} at 683×384:\n" + "\n".join(problems)


def test_focus_check_finds_a_covered_field_and_a_pale_ring(page):
    page.set_viewport_size(WINDOW)
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Sample</title><style>'
        "body { margin: 0; background: #fff; }"
        "#field:focus { outline: 2px solid #ddd; }"
        "footer { position: fixed; bottom: 0; height: 100px; width: 100%; background: #eee; }"
        '</style></head><body><div style="height: 300px"></div>'
        '<input id="field" aria-label="Points"><footer>Save</footer></body></html>'
    )
    page.keyboard.press("Tab")

    assert page.evaluate(FOCUS_STOP) == {
        "name": 'input#field "Points"',
        "problems": [
            "is covered at its centre by footer",
            "is under the fixed footer",
            "has a focus indicator of only 1.36:1",
        ],
    }
