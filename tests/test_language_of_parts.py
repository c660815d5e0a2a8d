"""Language of parts (WCAG 3.1.2): in the English interface, every Chinese name or text a page
shows is marked lang="zh-Hans", so that a screen reader reads it as Chinese.

The crawl of tests/test_crawl.py, in English, over every page each role reaches; each text of a
page that contains Chinese characters must sit inside an element whose lang is Chinese.
"""

import re
from collections import deque
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_crawl import MAX_PAGES, ROLES, _Links, _same_site, demo_site  # noqa: F401

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Elements without a lang of their own to give: the page's title, and code.
UNMARKABLE = {"title", "script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _UnmarkedChinese(HTMLParser):
    """The texts with Chinese characters whose nearest lang is not Chinese."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = [("", "")]
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang if lang is not None else self.stack[-1][1]))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        tag, lang = self.stack[-1]
        if tag in UNMARKABLE or not HAN.search(data):
            return
        if not lang.lower().startswith("zh"):
            self.found.append(f"<{tag} lang={lang}> {data.strip()[:60]}")


def unmarked_chinese(client: Client) -> tuple[dict[str, list[str]], int]:
    """Open every page reachable from the home page; the unmarked Chinese texts of each route."""
    start = reverse("portal:home")
    queue, seen, found, opened = deque([start]), {start}, {}, 0
    while queue and opened < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        opened += 1
        if response.streaming:
            b"".join(response.streaming_content)
            continue
        targets = []
        if response.status_code in {301, 302, 303, 307, 308}:
            targets = [response["Location"]]
        elif response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            checker = _UnmarkedChinese()
            checker.feed(html)
            if checker.found:
                found.setdefault(url, checker.found)
            links = _Links()
            links.feed(html)
            targets = links.found
        for link in targets:
            target = _same_site(url, link)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return found, opened


@pytest.mark.parametrize("role", ROLES)
def test_english_pages_mark_every_chinese_text_as_chinese(demo_site, role):  # noqa: F811
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if demo_site[role] is not None:
        client.force_login(demo_site[role])

    found, opened = unmarked_chinese(client)

    assert opened < MAX_PAGES, "the crawl stopped at its bound before it reached every page"
    assert found == {}, f"{role}: Chinese text without lang in English pages:\n" + "\n".join(
        f"{url}: {text}" for url, texts in found.items() for text in texts
    )
