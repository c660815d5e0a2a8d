"""What the benchmark talks to: the portal (and the admin, and the floor) served by gunicorn,
logged-in sessions through the login form, and wrk's measurements of one page."""

import http.client
import json
import re
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LUA = ROOT / "bench" / "report.lua"
PASSWORD = "Demo-2014"  # portal.demo.DEMO_PASSWORD (this module runs without Django)


# --- HTTP -------------------------------------------------------------------------------------


class Site:
    """Requests to a gunicorn on 127.0.0.1 as if through the deployment's proxy (HTTPS)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method, path, *, cookies=None, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        all_headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            all_headers["Cookie"] = cookie_header(cookies)
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        set_cookies = {}
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            set_cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location"), content, set_cookies

    def warm(self, path: str, cookies: dict | None, workers: int) -> None:
        """Requests at once, as many as the workers, twice: each worker has compiled the
        page's templates (a worker's first rendering of them takes ten times as long)."""
        with ThreadPoolExecutor(workers) as pool:
            for _ in range(2):
                list(pool.map(lambda _: self.request("GET", path, cookies=cookies), range(workers)))

    def drain(self, workers: int) -> None:
        """Wait until gunicorn has served what a wrk run left in its queue: the requests of
        connections wrk closed at the end of its run are still served, before any sent later
        (a cheap request per worker returns once they are)."""
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda _: self.request("GET", "/favicon.ico"), range(workers)))

    def wait(self, path: str, seconds: int = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.request("GET", path)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def login(self, path: str, username: str) -> dict:
        """Log in through the form at ``path``: the CSRF token from the GET, then the POST."""
        status, _, content, cookies = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or not match:
            raise RuntimeError(f"No login form at {path} ({status}).")
        fields = {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": username,
            "password": PASSWORD,
        }
        status, _, _, new_cookies = self.request(
            "POST",
            path,
            cookies=cookies,
            body=urllib.parse.urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            },
        )
        cookies.update(new_cookies)
        if status != 302 or "sessionid" not in cookies:
            raise RuntimeError(f"Logging in as {username} at {path} failed ({status}).")
        return cookies


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def wrk(port: int, path: str, cookies: dict | None, connections: int, seconds: int) -> dict:
    """One wrk run: requests a second and latencies in milliseconds."""
    args = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookies:
        args += ["-H", f"Cookie: {cookie_header(cookies)}"]
    output = subprocess.run(
        [*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    summary = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    seconds_run = summary["duration_us"] / 1e6
    answered = summary["requests"] > 0  # else no latency: not one answer within the run

    def milliseconds(key):
        return round(summary[key] / 1000, 1) if answered else None

    return {
        "req_per_s": round(summary["requests"] / seconds_run, 1),
        "p50_ms": milliseconds("p50_us"),
        "p95_ms": milliseconds("p95_us"),
        "p99_ms": milliseconds("p99_us"),
        "requests": summary["requests"],
        "errors": summary["status_errors"] + summary["socket_errors"] + summary["timeouts"],
    }


# --- servers ------------------------------------------------------------------------------------


@dataclass
class Servers:
    processes: list = field(default_factory=list)

    def start(self, args: list[str], env: dict, log: Path) -> None:
        with open(log, "ab") as output:
            self.processes.append(
                subprocess.Popen(args, cwd=ROOT, env=env, stdout=output, stderr=output)
            )

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
