"""WCAG 2.1 AA in the browser (docs/accessibility.md): every page passes axe-core's WCAG 2.0 and
2.1 A and AA rules. The keyboard's share is tests/browser/test_keyboard.py, the server's
tests/portal/test_accessibility.py.

As each role, the crawl opens every page reachable by links from the home page (GET only) and
runs axe-core (tests/browser/vendor/axe-core) on it at a desktop and a phone width; then it
submits each data-entry form empty and checks the page that shows the form with its errors. New
pages are covered as soon as a link leads to them.
"""

from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from pilots.models import PilotProject
from portal.models import User
from tests.pilots.factories import PhotoFactory, PilotDocumentFactory

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 390]
HEIGHT = 860

# The demo's logins (portal/demo.py, pilots/demo.py): each role's pages start at its home page.
ROLES = {
    "anonymous": None,
    "staff": "staff",
    "enterprise member": "enterprise",
    "reviewer": "reviewer",
    "panel chair": "reviewer2",  # has a draft score sheet in the demo's open review
}

# Links the crawl does not follow: other parts of the site, and pages a GET changes.
SKIPPED_PREFIXES = ("/static/", "/admin/", "/i18n/", "/accounts/logout/")
CHANGES_STATE_ON_GET = {"portal:notification-open"}  # marks the notification read
# Each URL pattern is opened at most this many times (Crawl explains which pages are checked).
OPENED_PER_PATTERN = 3
# Pages whose form records a decision rather than data: never submitted, even empty.
DECISIONS = (
    "delete",
    "remove",
    "deactivate",
    "reactivate",
    "approve",
    "reject",
    "move",
    "conclude",
    "reopen",
    "start-scoring",
    "declare",
    "copy",
)

NEXT_FRAME = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    rule: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""

# The page's forms that enter data, as [index, action]: POST to this site, with a field to fill in.
DATA_ENTRY_FORMS = """() => Array.from(document.forms).flatMap((form, index) => {
  const fields = Array.from(form.elements).filter((el) =>
    ["SELECT", "TEXTAREA"].includes(el.tagName) ||
    (el.tagName === "INPUT" &&
     !["hidden", "submit", "button", "reset", "image"].includes(el.type)));
  const action = new URL(form.action, location.href);
  const post = form.method.toLowerCase() === "post" && action.origin === location.origin;
  return post && fields.length ? [[index, action.href]] : [];
})"""

# Empty every field of a form and press its main button (the primary one, else the first).
SUBMIT_EMPTY = """(index) => {
  const KEPT = ["hidden", "submit", "button", "reset", "image", "file"];
  const form = document.forms[index];
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.tagName === "TEXTAREA") {
      el.value = "";
    } else if (el.tagName === "SELECT") {
      for (const option of el.options) option.selected = false;
      el.selectedIndex = el.multiple ? -1 : Array.from(el.options).findIndex((o) => o.value === "");
    } else if (["checkbox", "radio"].includes(el.type)) {
      el.checked = false;
    } else if (el.tagName === "INPUT" && !KEPT.includes(el.type)) {
      el.value = "";
    }
  }
  const buttons = Array.from(
    form.querySelectorAll("button:not([type=button]), input[type=submit]"));
  (buttons.find((b) => b.classList.contains("btn-primary")) || buttons[0]).click();
}"""


def _data_entry_forms(page) -> list[int]:
    """The indexes of the page's data-entry forms: those posted to a page that the crawl may open
    (not logout or the language switch) and that does not record a decision."""
    return [
        index
        for index, action in page.evaluate(DATA_ENTRY_FORMS)
        if (match := _route(action)) is not None and not match.url_name.endswith(DECISIONS)
    ]


def _route(url: str):
    """The resolver match of a same-site page the crawl may open, or None."""
    parts = urlsplit(url)
    if parts.path.startswith(SKIPPED_PREFIXES) or "." in parts.path.rsplit("/", 1)[-1]:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return None if match.view_name in CHANGES_STATE_ON_GET else match


class Checker:
    """Runs axe on pages and keeps the violations, page by page."""

    def __init__(self, page):
        self.page = page
        self.violations: dict[tuple[str, str, str], dict] = {}
        self.checked = 0

    def check(self, where: str) -> None:
        """Run axe at each width, starting with the window's (and leaving it at the last)."""
        self.checked += 1
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE)
        current = self.page.viewport_size["width"]
        for width in sorted(WIDTHS, key=lambda width: width != current):
            if width != current:
                self.page.set_viewport_size({"width": width, "height": HEIGHT})
                # The page's resize handlers (portal.js) run before the next frame.
                self.page.evaluate(NEXT_FRAME)
            for found in self.page.evaluate(RUN_AXE, AXE_TAGS):
                entry = self.violations.setdefault(
                    (where, found["rule"], found["help"]), {"widths": [], "targets": []}
                )
                entry["widths"].append(width)
                entry["targets"] += [t for t in found["targets"] if t not in entry["targets"]]

    def report(self) -> str:
        return "\n".join(
            f"{where} [{'/'.join(f'{w}px' for w in sorted(entry['widths'], reverse=True))}]: "
            f"{rule} ({help_}) at "
            + ", ".join(entry["targets"][:6])
            + (f" and {len(entry['targets']) - 6} more" if len(entry["targets"]) > 6 else "")
            for (where, rule, help_), entry in sorted(self.violations.items())
        )


@pytest.fixture
def rendered_templates():
    """The names of the templates the live server renders, cleared before each page."""
    names: list[str] = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record, dispatch_uid="accessibility-crawl")
    yield names
    template_rendered.disconnect(dispatch_uid="accessibility-crawl")


class Crawl:
    """One role's crawl in one browser page: checks each kind of page once. A kind is the set of
    templates that the live server renders for it (the rows of a list lead to pages that differ
    only in their data; a create and an edit page of one record share their form), and whether
    it shows a refused form."""

    def __init__(self, page, origin: str, templates: list[str]):
        self.page = page
        self.origin = origin
        self.templates = templates
        self.checker = Checker(page)
        self.kinds: set[tuple[frozenset[str], bool]] = set()

    def check_if_new(self, where: str, *, refused: bool = False) -> tuple[frozenset[str], bool]:
        kind = (frozenset(self.templates), refused)
        if kind not in self.kinds:
            self.kinds.add(kind)
            self.checker.check(where)
        return kind

    def pages(self) -> list[str]:
        """Open the pages reachable from the home page and check each new kind; the first page of
        each kind that has a data-entry form."""
        queue = deque([f"{self.origin}/"])
        seen = {f"{self.origin}/"}
        opened: dict[str, int] = defaultdict(int)
        with_forms: dict[tuple[frozenset[str], bool], str] = {}
        while queue:
            url = queue.popleft()
            match = _route(url)
            if match is None or opened[match.route] >= OPENED_PER_PATTERN:
                continue
            opened[match.route] += 1
            self.templates.clear()
            try:
                # Scripts at the end of the body have run, after the styles they wait for.
                response = self.page.goto(url, wait_until="domcontentloaded")
            except PlaywrightError:  # a download
                continue
            if (
                response is None
                or not response.ok
                or not response.headers.get("content-type", "").startswith("text/html")
                or _route(self.page.url) is None
            ):
                continue
            kind = self.check_if_new(self.page.url.removeprefix(self.origin))
            if kind not in with_forms and _data_entry_forms(self.page):
                with_forms[kind] = self.page.url
            for link in self.page.eval_on_selector_all(
                "a[href]:not([download])", "links => links.map((a) => a.href.split('#')[0])"
            ):
                if link.startswith(f"{self.origin}/") and link not in seen:
                    seen.add(link)
                    queue.append(link)
        return list(with_forms.values())

    def submit_forms_empty(self, pages: list[str]) -> int:
        """Submit each data-entry form of these pages empty and check the page that shows the
        form with its errors, if of a new kind; how many forms were refused. (A form whose
        fields may all be empty is saved.)"""
        refused = 0
        self.page.on("dialog", lambda dialog: dialog.accept())
        for url in pages:
            self.page.goto(url, wait_until="domcontentloaded")
            for number, index in enumerate(_data_entry_forms(self.page), start=1):
                if number > 1:
                    self.page.goto(url, wait_until="domcontentloaded")
                self.templates.clear()
                with self.page.expect_navigation(wait_until="domcontentloaded"):
                    self.page.evaluate(SUBMIT_EMPTY, index)
                if self.page.locator("[data-error-summary], [aria-invalid=true]").count():
                    refused += 1
                    where = url.removeprefix(self.origin)
                    self.check_if_new(f"{where} (form {number}, submitted empty)", refused=True)
        return refused


@pytest.fixture
def photos_and_documents(demo_data):
    """The demo data, and a photo and a document of the camellia zone, whose pages show them."""
    staff = User.objects.get(username="staff")
    camellia = PilotProject.objects.get(name="油茶栽培国家级农业标准化示范区")
    PhotoFactory(activity=camellia.activities.first(), uploaded_by=staff, caption="油茶林")
    PilotDocumentFactory(pilot=camellia, uploaded_by=staff)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe(
    page, live_server, photos_and_documents, login, rendered_templates, role
):
    if ROLES[role]:
        login(ROLES[role])
        page.wait_for_url(f"{live_server.url}/")
    crawl = Crawl(page, live_server.url, rendered_templates)

    refused = crawl.submit_forms_empty(crawl.pages())

    assert crawl.checker.violations == {}, f"axe finds, as {role}:\n{crawl.checker.report()}"
    assert (crawl.checker.checked > 5, refused > 0) == (True, True)


def test_axe_check_names_the_page_rule_and_elements(page):
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Sample</title></head><body><main>'
        '<input id="unlabelled"><p id="pale" style="color: #ccc">Pale</p></main></body></html>'
    )
    checker = Checker(page)

    checker.check("/sample/")

    assert checker.report().splitlines() == [
        "/sample/ [1280px/390px]: color-contrast (Elements must meet minimum color contrast"
        " ratio thresholds) at #pale",
        "/sample/ [1280px/390px]: label (Form elements must have labels) at #unlabelled",
    ]
