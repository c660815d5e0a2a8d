"""Parts of the portal's pages that other apps provide, without ``portal`` importing them.

The apps build on ``portal``, never the other way round (an import-linter contract checks it).
So the portal's own pages show the apps' records through sections that each app registers in
its ``AppConfig.ready()``:

- ``ORGANIZATION_SECTIONS``: ``section(request, organization) -> (template, context) | None``,
  shown on an organization's page (its pilots, brands, applications);
- ``HOME_SECTIONS``: ``section(request) -> dict``, context that the home page reads (the public
  figures of the register, a reviewer's open reviews).
"""

from collections.abc import Callable

ORGANIZATION_SECTIONS: list[Callable] = []
HOME_SECTIONS: list[Callable] = []


def home_context(request) -> dict:
    """The context every registered home section adds for this request."""
    context: dict = {}
    for section in HOME_SECTIONS:
        context.update(section(request) or {})
    return context
