"""A limit on how often one address may do something that anyone may do (send an objection,
a feedback form): counted in the cache, per address and per window of time.

The address is the one django-axes counts failed logins against (``AXES_PROXY_COUNT`` in the
settings says how many reverse proxies stand in front of the portal).
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request) -> str:
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def over_limit(request, scope: str, *, limit: int, seconds: int) -> bool:
    """Whether the request's address has done ``scope`` ``limit`` times within ``seconds``
    (this call not counted)."""
    return (cache.get(_key(scope, client_address(request))) or 0) >= limit


def count(request, scope: str, *, seconds: int) -> None:
    """Count one more ``scope`` for the request's address; the count lapses ``seconds`` after
    the first."""
    key = _key(scope, client_address(request))
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=seconds)
