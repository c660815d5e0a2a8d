"""Demo records of the brands app: the named brands of the source report (``register``), the
award programmes (``programs``), and applications that follow the report's applicants through
the workflow (``applications``), loaded in that order."""

from django.db import transaction

from brands.demo import applications, programs, register
from portal import demo


@demo.register
@transaction.atomic
def seed(stdout=None) -> None:
    register.seed(stdout)
    programs.seed_programs(stdout)
    applications.seed_applications(stdout)
