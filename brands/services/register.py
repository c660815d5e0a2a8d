"""Everything in the brands app that writes: brands with their output figures, the county's
output, the reminders of titles about to expire, and award programmes with their required
materials."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone

from brands.models import (
    AwardProgram,
    Brand,
    BrandOutput,
    BrandReminder,
    CountyIndustrialOutput,
    RequiredMaterial,
)
from brands.selectors import expiring_brands, reminder_recipients
from portal import notifications


@transaction.atomic
def register_brand(*, brand: Brand, outputs: dict[int, Decimal] | None = None) -> Brand:
    """Save a new brand after validating it (``full_clean``: dates, certificate number), with
    its yearly output figures (``{year: output in 10,000 yuan}``), through
    ``set_brand_output``."""
    brand.full_clean()
    brand.save()
    for year, output in (outputs or {}).items():
        set_brand_output(brand=brand, year=year, output=output)
    return brand


@transaction.atomic
def set_brand_output(*, brand: Brand, year: int, output: Decimal) -> BrandOutput:
    """Record the brand's output value of ``year`` (in 10,000 yuan), replacing the year's
    figure if there is one. Refuses (``ValidationError``) an implausible year or a negative
    value."""
    record = BrandOutput.objects.select_for_update().filter(brand=brand, year=year).first()
    record = record or BrandOutput(brand=brand, year=year)
    record.output = output
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def set_county_output(
    *, year: int, output: Decimal, source_note: str = ""
) -> CountyIndustrialOutput:
    """Record the county's output of industrial enterprises above designated size in ``year``
    (10,000 yuan) and where the figure comes from, replacing the year's figure if there is one.
    Refuses (``ValidationError``) an implausible year or a negative value."""
    record = CountyIndustrialOutput.objects.select_for_update().filter(year=year).first()
    record = record or CountyIndustrialOutput(year=year)
    record.output = output
    record.source_note = source_note
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def send_expiry_reminders(*, today: datetime.date | None = None) -> list[BrandReminder]:
    """Remind of every title that has entered the expiry window (valid, ending within 90 days:
    ``selectors.expiring_brands``) and has not been reminded of for its current end of
    validity. Safe to run again and again (``manage.py send_reminders``, from cron).

    For each such brand, in one transaction: a ``BrandReminder`` (brand, ``valid_until``, sent
    today, how many were told) — unique per brand and end of validity, so that a second run, or
    one running at the same time, sends nothing again, while a renewed title (a new
    ``valid_until``) is reminded again when its turn comes; an e-mail to the active bureau
    staff and the active members of the holder organization, sent after the commit. Expired
    titles and those not yet valid are not reminded of. Returns the reminders sent.
    """
    today = today or timezone.localdate()
    reminded = BrandReminder.objects.filter(
        brand=OuterRef("pk"), valid_until=OuterRef("valid_until")
    )
    sent = []
    for brand in expiring_brands(today).exclude(Exists(reminded)):
        reminder, created = BrandReminder.objects.get_or_create(
            brand=brand, valid_until=brand.valid_until, defaults={"sent_on": today}
        )
        if not created:
            continue
        recipients = [user for user in reminder_recipients(brand) if user.email]
        notifications.notify_users(
            recipients,
            "brand_expiring",
            {
                "brand": brand,
                "title": brand.title.name,
                "holder": brand.holder.name,
                "valid_until": brand.valid_until.isoformat(),
                "days": (brand.valid_until - today).days,
                "path": reverse("brands:brand-detail", args=[brand.pk]),
            },
        )
        reminder.recipient_count = len(recipients)
        reminder.save(update_fields=["recipient_count"])
        sent.append(reminder)
    return sent


@transaction.atomic
def save_program(
    *, program: AwardProgram, materials: list[RequiredMaterial] | None = None
) -> AwardProgram:
    """Save a new or changed programme after validating it (``full_clean``: its dates, the
    template that its kind needs or excludes, one programme per name and round), and add
    ``materials`` to it in their order, through ``save_material``."""
    program.full_clean()
    program.save()
    for material in materials or []:
        material.program = program
        save_material(material=material)
    return program


@transaction.atomic
def save_material(*, material: RequiredMaterial) -> RequiredMaterial:
    """Save a new or changed required material after validating it. A new one without a
    position goes after the programme's last material."""
    if material.pk is None and not material.position:
        # Lock the programme, so that two materials added at once get their own positions.
        AwardProgram.objects.select_for_update().filter(pk=material.program_id).first()
        last = RequiredMaterial.objects.filter(program_id=material.program_id).aggregate(
            last=Max("position")
        )["last"]
        material.position = (last or 0) + 1
    material.full_clean()
    material.save()
    return material
