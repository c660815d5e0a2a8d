"""The layers hold: the apps build on scoring, scoring on portal, portal on none of them."""

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_layers_contract_is_declared():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert [contract["layers"] for contract in config["contracts"]] == [
        ["brands | pilots", "scoring", "portal"]
    ]


def test_import_layers_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0
