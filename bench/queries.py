"""SQL queries per request, counted in-process with Django's test client: each page as its
role's user (logged in with ``force_login``, so that the session and the user are read as on
any request), and each admin changelist as the superuser. A first request warms what a
long-running worker keeps (content types, compiled templates); the second is counted, and timed
(in-process, and its SQL): where a slow page spends its time."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.dataset import ADMIN_USERNAME
from bench.pages import USERNAMES, Page
from portal.models import User


class PlainClient(Client):
    """The test client without its record of the templates rendered (a copy of every context
    of every template, which costs more than rendering them)."""

    def request(self, **request):
        return self.handler(self._base_environ(**request))


def clients() -> dict[str, Client]:
    """A client per role, and ``admin`` for the superuser."""
    result = {"public": PlainClient()}
    for role, username in [*USERNAMES.items(), ("admin", ADMIN_USERNAME)]:
        client = PlainClient()
        client.force_login(User.objects.get(username=username))
        result[role] = client
    return result


def count(client: Client, path: str, *, warm: bool = True) -> dict:
    """A GET of ``path``: its status, its queries, how long it took in-process and in SQL (ms),
    and its slowest query."""
    if warm:
        client.get(path)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    elapsed = time.perf_counter() - started
    times = [float(query["time"]) for query in queries.captured_queries]
    slowest = max(range(len(times)), key=times.__getitem__, default=None)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "ms": round(elapsed * 1000, 1),
        "sql_ms": round(sum(times) * 1000, 1),
        "slowest_sql_ms": round(times[slowest] * 1000, 1) if slowest is not None else None,
        "slowest_sql": queries.captured_queries[slowest]["sql"][:300]
        if slowest is not None
        else "",
    }


def count_pages(pages: list[Page], *, warm: bool = True) -> dict[str, dict]:
    """For each page by name: ``count``'s figures, and its admin changelist's status and
    queries."""
    by_role = clients()
    counts, admin_counts = {}, {}
    for page in pages:
        row = count(by_role[page.role], page.path, warm=warm)
        if page.admin:
            if page.admin not in admin_counts:
                admin_counts[page.admin] = count(by_role["admin"], page.admin, warm=warm)
            row["admin_status"] = admin_counts[page.admin]["status"]
            row["admin_queries"] = admin_counts[page.admin]["queries"]
        counts[page.name] = row
    return counts


def ensure_admin() -> None:
    """The admin's superuser, in a database that has none (the demo's)."""
    from portal.demo import DEMO_PASSWORD

    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(
            ADMIN_USERNAME, f"{ADMIN_USERNAME}@example.com", DEMO_PASSWORD
        )
