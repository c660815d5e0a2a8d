"""Production settings: `check --deploy` is clean, and unsafe configurations refuse to start."""

import json
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


SHOW_MEDIA_STORAGE = (
    "import json; from django.conf import settings; "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(json.dumps([settings.STORAGES, type(s).__module__ + '.' + type(s).__name__, "
    "s.base_url]))"
)


def media_storage(**env):
    result = manage("shell", "--no-imports", "-c", SHOW_MEDIA_STORAGE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_storage_defaults_to_file_system_and_keeps_whitenoise_in_production():
    storages, storage_class, _base_url = media_storage(**PRODUCTION)

    assert storages == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {}},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    assert storage_class == "django.core.files.storage.filesystem.FileSystemStorage"


def test_media_storage_follows_the_environment():
    storages, storage_class, base_url = media_storage(
        MEDIA_STORAGE="django.core.files.storage.InMemoryStorage",
        MEDIA_STORAGE_OPTIONS='{"base_url": "/private/"}',
    )

    assert storages["default"] == {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": {"base_url": "/private/"},
    }
    assert storage_class == "django.core.files.storage.memory.InMemoryStorage"
    assert base_url == "/private/"


@pytest.mark.parametrize("options", ["{not json", '["bucket"]'])
def test_media_storage_refuses_options_that_are_not_a_json_object(options):
    result = manage("check", MEDIA_STORAGE_OPTIONS=options)

    assert result.returncode != 0
    assert "MEDIA_STORAGE_OPTIONS must be a JSON object" in result.stderr
