"""Django's own messages in the portal's wording.

Django's Simplified Chinese catalogue says "你" where the portal says "您", and "Email" where it
says "电子邮件". Listing the messages here lets ``make messages`` carry them into the portal's
catalogue (``locale/``), which Django reads before its own, so every page speaks one way.
Nothing imports this module; it exists for the message extraction.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

STOCK_MESSAGES = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Email address"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
