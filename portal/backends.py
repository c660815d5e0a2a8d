"""The portal's authentication backend."""

from django.contrib.auth.backends import AllowAllUsersModelBackend
from rules.permissions import perm_exists


class PortalModelBackend(AllowAllUsersModelBackend):
    """Passwords checked against the user table, for active and inactive accounts alike, so that
    the login form can say *why* an inactive account may not log in (a registration awaiting
    approval); the form refuses them in ``confirm_login_allowed()``.

    A session, though, belongs to an active account only: once staff deactivate an account, its
    open sessions turn anonymous on their next request (``get_user``).

    A permission that the ``rules`` backend defines is answered there alone: when a rule says
    no, the database's model permissions are not asked (they would cost two queries on every
    page, and could only contradict the rule). The Django admin's own permissions, which no
    rule defines, are still read from the database.
    """

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def has_perm(self, user_obj, perm, obj=None):
        if perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
