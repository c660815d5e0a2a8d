"""The portal's authentication backend."""

from django.contrib.auth.backends import AllowAllUsersModelBackend


class PortalModelBackend(AllowAllUsersModelBackend):
    """Passwords checked against the user table, for active and inactive accounts alike, so that
    the login form can say *why* an inactive account may not log in (a registration awaiting
    approval); the form refuses them in ``confirm_login_allowed()``.

    A session, though, belongs to an active account only: once staff deactivate an account, its
    open sessions turn anonymous on their next request (``get_user``).
    """

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
