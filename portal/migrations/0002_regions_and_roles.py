"""GB/T 2260 divisions of Hubei (the province, its prefecture-level divisions, the counties of
Xianning) and the three role groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROVINCE = ("420000", "湖北省", "Hubei Province")
PREFECTURES = [
    ("420100", "武汉市", "Wuhan"),
    ("420200", "黄石市", "Huangshi"),
    ("420300", "十堰市", "Shiyan"),
    ("420500", "宜昌市", "Yichang"),
    ("420600", "襄阳市", "Xiangyang"),
    ("420700", "鄂州市", "Ezhou"),
    ("420800", "荆门市", "Jingmen"),
    ("420900", "孝感市", "Xiaogan"),
    ("421000", "荆州市", "Jingzhou"),
    ("421100", "黄冈市", "Huanggang"),
    ("421200", "咸宁市", "Xianning"),
    ("421300", "随州市", "Suizhou"),
    ("422800", "恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"),
]
# County-level cities and the forestry district administered directly by the province.
PROVINCE_COUNTIES = [
    ("429004", "仙桃市", "Xiantao"),
    ("429005", "潜江市", "Qianjiang"),
    ("429006", "天门市", "Tianmen"),
    ("429021", "神农架林区", "Shennongjia Forestry District"),
]
XIANNING_COUNTIES = [
    ("421202", "咸安区", "Xian'an District"),
    ("421221", "嘉鱼县", "Jiayu County"),
    ("421222", "通城县", "Tongcheng County"),
    ("421223", "崇阳县", "Chongyang County"),
    ("421224", "通山县", "Tongshan County"),
    ("421281", "赤壁市", "Chibi City"),
]
ROLES = ["bureau_staff", "enterprise_member", "reviewer"]


def load(apps, schema_editor):
    Region = apps.get_model("portal", "Region")

    def add(code, name, name_en, level, parent=None):
        region, _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "level": level, "parent": parent}
        )
        return region

    hubei = add(*PROVINCE, "province")
    xianning = None
    for row in PREFECTURES:
        region = add(*row, "prefecture", hubei)
        if row[0] == "421200":
            xianning = region
    for row in PROVINCE_COUNTIES:
        add(*row, "county", hubei)
    for row in XIANNING_COUNTIES:
        add(*row, "county", xianning)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    portal_config = apps.get_app_config("portal")
    portal_config.models_module = True
    create_permissions(portal_config, apps=apps, verbosity=0)
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    staff = Group.objects.get(name="bureau_staff")
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label="portal").exclude(
            content_type__model__in=["user", "historicalorganization"]
        )
    )


def unload(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
    apps.get_model("portal", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, unload)]
