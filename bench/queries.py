"""SQL queries per request, counted in-process with Django's test client: each page as its
role's user (logged in with ``force_login``, so that the session and the user are read as on
any request), and each admin changelist as the superuser. A first request warms what a
long-running worker keeps (content types, compiled templates); the second is counted."""

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


def count(client: Client, path: str, *, warm: bool = True) -> tuple[int, int]:
    """(status, queries) of a GET of ``path``."""
    if warm:
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def count_pages(pages: list[Page], *, warm: bool = True) -> dict[str, dict]:
    """For each page by name: its status and queries, and its admin changelist's."""
    by_role = clients()
    counts, admin_counts = {}, {}
    for page in pages:
        status, queries = count(by_role[page.role], page.path, warm=warm)
        row = {"status": status, "queries": queries}
        if page.admin:
            if page.admin not in admin_counts:
                admin_counts[page.admin] = count(by_role["admin"], page.admin, warm=warm)
            row["admin_status"], row["admin_queries"] = admin_counts[page.admin]
        counts[page.name] = row
    return counts


def ensure_admin() -> None:
    """The admin's superuser, in a database that has none (the demo's)."""
    from portal.demo import DEMO_PASSWORD

    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(
            ADMIN_USERNAME, f"{ADMIN_USERNAME}@example.com", DEMO_PASSWORD
        )
