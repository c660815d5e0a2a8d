"""The floor of the benchmark: a WSGI application that answers "ok" and does nothing else,
served by its own gunicorn with the portal's worker count. Its rate is what gunicorn, the
network stack and wrk manage on this machine; a page's ratio to it says how much of that the
portal keeps. (The portal has no health URL, and a static file goes through whitenoise and
Django's middleware, so it is not a floor.)"""

BODY = b"ok"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]
