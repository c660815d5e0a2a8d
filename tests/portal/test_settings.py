"""Production settings: `check --deploy` is clean, and unsafe configurations refuse to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz" + "Z" * 10


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "PYTEST_VERSION"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "portal.example.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
}


def test_check_deploy_in_production_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off when DJANGO_ENV=production."),
        ({"SECRET_KEY": ""}, "Set SECRET_KEY to a random value of at least 50 characters"),
        ({"SECRET_KEY": "short"}, "Set SECRET_KEY to a random value of at least 50 characters"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS when DJANGO_ENV=production."),
    ],
)
def test_production_refuses_unsafe_settings(override, message):
    environment = PRODUCTION | override
    environment = {key: value for key, value in environment.items() if value != ""}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_seed_demo_refuses_to_run_in_production():
    result = manage("seed_demo", **PRODUCTION)
    assert result.returncode == 1
    assert "seed_demo refuses to run when DJANGO_ENV=production." in result.stderr
