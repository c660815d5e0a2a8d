"""``make bench``: build the databases, count the queries, serve the portal as in production and
measure every page with wrk; write ``bench/results.json`` and print the table.

1. ``bench_portal`` (``BENCH_DATABASE_URL``) is dropped, created and migrated; a copy of the
   empty schema becomes ``bench_portal_demo``. The province-scale data set is written into the
   first (``python -m bench generate``), the demo data (``seed_demo``) into the second.
2. In each database, the SQL queries of one request to every page are counted in-process
   (``python -m bench queries``).
3. gunicorn serves the portal on the big database with the production settings (2 workers, as
   ``make serve-prod`` does), and a second gunicorn the floor (``bench.floor``). The runner logs
   in through the forms as staff, an enterprise member, a reviewer and the admin's superuser.
4. Each page is measured with wrk at 8 connections, then its admin changelist (staff lists),
   then the page at 2 connections, each run once gunicorn has served what the last one left in
   its queue; the floor every ``BENCH_FLOOR_EVERY`` pages.

Settings (environment variables): ``BENCH_DURATION`` (seconds at 8 connections, default 5),
``BENCH_DURATION_2C`` (at 2 connections, default 3), ``BENCH_CONNECTIONS`` (8),
``BENCH_WORKERS`` (2), ``BENCH_TINY=1`` (the smoke test's few rows: to try the runner),
``BENCH_ONLY`` (a regular expression: only the pages whose name or path
matches), ``BENCH_REUSE=1`` (keep the databases of the last run, only migrating them),
``BENCH_DATABASE_URL``, ``BENCH_PORT`` and ``BENCH_FLOOR_PORT``, ``BENCH_OUTPUT``.
"""

import datetime
import json
import math
import os
import platform
import re
import secrets
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from bench.report import table
from bench.serving import BIN, ROOT, Servers, Site, wrk

TARGETS = {
    "p95_2c_ms": 150,
    "p95_8c_ms": 400,
    "admin_ratio": 1.5,
    "list_queries": 10,
    "detail_queries": 12,
}


@dataclass
class Config:
    database_url: str
    duration: int
    duration_2c: int
    connections: int
    workers: int
    port: int
    floor_port: int
    floor_every: int
    only: re.Pattern | None
    reuse: bool
    tiny: bool
    output: Path

    @classmethod
    def from_environment(cls) -> "Config":
        env = os.environ.get
        only = env("BENCH_ONLY")
        return cls(
            database_url=env(
                "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_portal"
            ),
            duration=int(env("BENCH_DURATION", "5")),
            duration_2c=int(env("BENCH_DURATION_2C", "3")),
            connections=int(env("BENCH_CONNECTIONS", "8")),
            workers=int(env("BENCH_WORKERS", "2")),
            port=int(env("BENCH_PORT", "8781")),
            floor_port=int(env("BENCH_FLOOR_PORT", "8782")),
            floor_every=int(env("BENCH_FLOOR_EVERY", "10")),
            only=re.compile(only) if only else None,
            reuse=env("BENCH_REUSE", "") == "1",
            tiny=env("BENCH_TINY", "") == "1",
            output=Path(env("BENCH_OUTPUT", str(ROOT / "bench" / "results.json"))),
        )

    @property
    def demo_database_url(self) -> str:
        parts = urllib.parse.urlsplit(self.database_url)
        return parts._replace(path=parts.path + "_demo").geturl()


def say(message: str) -> None:
    print(message, flush=True)


# --- databases --------------------------------------------------------------------------------


def server_connection(url: str):
    """A connection to the server's ``postgres`` database, to drop and create others."""
    parts = urllib.parse.urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password) if parts.password else None,
        dbname="postgres",
    )
    connection.autocommit = True
    return connection


def database_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def recreate(url: str, template: str | None = None) -> None:
    name = database_name(url)
    connection = server_connection(url)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(
            f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        )
    connection.close()


def step(title: str, args: list[str], env: dict, timings: dict, key: str) -> None:
    say(f"== {title}")
    started = time.monotonic()
    subprocess.run(args, cwd=ROOT, env=env, check=True)
    timings[key] = round(time.monotonic() - started, 1)
    say(f"   {timings[key]} s")


# --- the run ------------------------------------------------------------------------------------


def django_env(url: str, media: Path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "PYTEST_VERSION"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=url,
        MEDIA_ROOT=str(media),
        BENCH_STATIC_ROOT=str(media.parent / "static"),
        DEBUG="false",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def build(config: Config, temporary: Path, timings: dict) -> None:
    python = str(BIN / "python")
    full = django_env(config.database_url, temporary / "media")
    demo = django_env(config.demo_database_url, temporary / "media")
    if config.reuse:
        step(
            "migrate (reused database)",
            [python, "manage.py", "migrate", "-v0"],
            full,
            timings,
            "migrate",
        )
        step(
            "migrate (reused demo database)",
            [python, "manage.py", "migrate", "-v0"],
            demo,
            timings,
            "migrate_demo",
        )
        return
    recreate(config.database_url)
    step("migrate", [python, "manage.py", "migrate", "--no-input", "-v0"], full, timings, "migrate")
    recreate(config.demo_database_url, template=database_name(config.database_url))
    generate = [python, "-m", "bench", "generate", *(["--tiny"] if config.tiny else [])]
    step("generate the data set", generate, full, timings, "generate")
    step("seed the demo data", [python, "manage.py", "seed_demo"], demo, timings, "seed_demo")


def count_queries(config: Config, temporary: Path, timings: dict) -> tuple[dict, dict]:
    python = str(BIN / "python")
    results = []
    for label, url in [("demo", config.demo_database_url), ("full", config.database_url)]:
        output = temporary / f"queries-{label}.json"
        env = django_env(url, temporary / "media")
        step(
            f"count queries ({label} size)",
            [python, "-m", "bench", "queries", str(output)],
            env,
            timings,
            f"queries_{label}",
        )
        results.append(json.loads(output.read_text()))
    return results[0], results[1]


def measure(config: Config, pages: list[dict], temporary: Path, timings: dict) -> dict:
    """Serve, log in, and run wrk over every page (with its admin changelist) and the floor."""
    python = str(BIN / "python")
    production = django_env(
        config.database_url,
        temporary / "media",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="INFO",
    )
    step(
        "collect static files",
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        production,
        timings,
        "collectstatic",
    )
    servers = Servers()
    gunicorn = str(BIN / "gunicorn")
    common = ["--workers", str(config.workers), "--timeout", "120"]
    servers.start(
        [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{config.port}", *common],
        production,
        temporary / "gunicorn.log",
    )
    servers.start(
        [gunicorn, "bench.floor:application", "--bind", f"127.0.0.1:{config.floor_port}", *common],
        production,
        temporary / "floor.log",
    )
    started = time.monotonic()
    try:
        site, floor_site = Site(config.port), Site(config.floor_port)
        site.wait("/accounts/login/")
        floor_site.wait("/")
        sessions = {"public": None}
        for role, username in [
            ("staff", "staff"),
            ("enterprise", "enterprise"),
            ("reviewer", "reviewer"),
        ]:
            sessions[role] = site.login("/accounts/login/", username)
        sessions["admin"] = site.login("/admin/login/?next=/admin/", "benchadmin")
        return run_pages(config, pages, site, sessions)
    finally:
        servers.stop()
        timings["wrk"] = round(time.monotonic() - started, 1)
        say(f"   gunicorn's log: {temporary / 'gunicorn.log'}")


def run_pages(config: Config, pages: list[dict], site: Site, sessions: dict) -> dict:
    floors, results = [], []

    def floor() -> None:
        result = wrk(config.floor_port, "/", None, config.connections, config.duration)
        floors.append((len(results), result["req_per_s"]))
        say(f"   floor: {result['req_per_s']} req/s")

    floor()
    for number, page in enumerate(pages, start=1):
        cookies = sessions[page["role"]]
        status, location, content, _ = site.request("GET", page["path"], cookies=cookies)
        if status == 200:
            site.warm(page["path"], cookies, config.workers)
            if page["admin"]:
                site.warm(page["admin"], sessions["admin"], config.workers)
        row = {**page, "status": status, "bytes": len(content), "load": os.getloadavg()[0]}
        results.append(row)
        if status != 200:
            say(f"   {page['name']}: answered {status} {location or ''}; not measured")
            continue
        row["c8"] = wrk(config.port, page["path"], cookies, config.connections, config.duration)
        site.drain(config.workers)
        if page["admin"]:
            status, _, _, _ = site.request("GET", page["admin"], cookies=sessions["admin"])
            if status == 200:
                row["admin_c8"] = wrk(
                    config.port,
                    page["admin"],
                    sessions["admin"],
                    config.connections,
                    config.duration,
                )
                site.drain(config.workers)
        row["c2"] = wrk(config.port, page["path"], cookies, 2, config.duration_2c)
        site.drain(config.workers)
        say(
            f"   [{number}/{len(pages)}] {page['name']} ({page['role']}): "
            f"{row['c8']['req_per_s']} req/s, p95 {row['c8']['p95_ms']} ms, "
            f"p95 at 2 connections {row['c2']['p95_ms']} ms"
        )
        if number % config.floor_every == 0:
            floor()
    floor()
    for index, row in enumerate(results):
        before = [rate for position, rate in floors if position <= index][-1]
        after = next(rate for position, rate in floors if position > index)
        row["floor_req_per_s"] = round((before + after) / 2, 1)
    return {"pages": results, "floor": [rate for _position, rate in floors]}


def judge(row: dict, counts: dict, demo_counts: dict) -> dict:
    """The page's figures against the targets."""
    name = row["name"]
    full, demo = counts.get(name, {}), demo_counts.get(name, {})
    row["queries"] = {"demo": demo.get("queries"), "full": full.get("queries")}
    row["admin_queries"] = full.get("admin_queries")
    # One request in-process at full size: where the time goes.
    row["in_process"] = {
        key: full.get(key) for key in ("ms", "sql_ms", "slowest_sql_ms", "slowest_sql")
    }
    checks = {}
    if "c8" in row:
        checks["p95_2c"] = (row["c2"]["p95_ms"] or math.inf) < TARGETS["p95_2c_ms"]
        checks["p95_8c"] = (row["c8"]["p95_ms"] or math.inf) < TARGETS["p95_8c_ms"]
        row["ratio_floor"] = round(row["c8"]["req_per_s"] / row["floor_req_per_s"], 3)
        if "admin_c8" in row:
            row["ratio_admin"] = round(row["c8"]["req_per_s"] / row["admin_c8"]["req_per_s"], 2)
            checks["admin"] = row["ratio_admin"] >= TARGETS["admin_ratio"]
    limit = TARGETS["list_queries"] if row["kind"] == "list" else TARGETS["detail_queries"]
    measured = [value for value in row["queries"].values() if value is not None]
    if measured:
        checks["queries"] = max(measured) <= limit
    row["checks"] = checks
    row["passed"] = bool(checks) and all(checks.values()) and row.get("status") == 200
    return row


def git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip()


def main() -> None:
    config = Config.from_environment()
    begun = time.monotonic()
    timings: dict = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        temporary = Path(name)
        (temporary / "media").mkdir()
        (temporary / "static").mkdir()
        build(config, temporary, timings)
        demo, full = count_queries(config, temporary, timings)
        pages = full["pages"]
        if config.only:
            pages = [
                page
                for page in pages
                if config.only.search(page["name"]) or config.only.search(page["path"])
            ]
        measured = measure(config, pages, temporary, timings)
    rows = [judge(row, full["counts"], demo["counts"]) for row in measured["pages"]]
    timings["total"] = round(time.monotonic() - begun, 1)
    results = {
        "run": {
            "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "commit": git_commit(),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "load_average_before": [round(value, 2) for value in load_before],
                "load_average_after": [round(value, 2) for value in os.getloadavg()],
            },
            "settings": {
                "connections": config.connections,
                "duration_s": config.duration,
                "duration_2c_s": config.duration_2c,
                "gunicorn_workers": config.workers,
                "database": database_name(config.database_url),
                "tiny": config.tiny,
            },
            "timings_s": timings,
        },
        "targets": TARGETS,
        "data_sizes": {"full": full["sizes"], "demo": demo["sizes"]},
        "floor_req_per_s": measured["floor"],
        "pages": rows,
    }
    config.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    say("")
    say(table(rows))
    passed = sum(row["passed"] for row in rows)
    say("")
    say(f"{passed} of {len(rows)} pages meet every target. Floor: {measured['floor']} req/s.")
    say(f"Timings (s): {timings}")
    say(f"Written to {config.output}")
