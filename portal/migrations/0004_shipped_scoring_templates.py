"""Scoring templates shipped with the portal: two acceptance sheets (samples to adjust) and the
GB/T 19580-2012 performance excellence criteria (1000 points)."""

from decimal import Decimal

from django.db import migrations

AGRICULTURAL = {
    "name": "农业标准化示范区考核验收评分表（示例）",
    "total": "100",
    "pass_mark": "80",
    "aggregation": "mean",
    "is_sample": True,
    "description": "分组参照已公布的农业标准化示范区考核验收评分表（组织管理、标准体系、标准实施与宣传、"
    "培训、生产过程控制、示范效果）；具体条款和分值为示例，正式使用前请核对调整。",
    "groups": [
        ("1", "组织管理", [
            ("领导小组和工作机构健全，职责明确", "5"),
            ("有创建工作规划和实施方案，经费落实", "5"),
            ("建立工作制度和档案管理制度，资料完整", "5"),
        ]),
        ("2", "标准体系", [
            ("产前标准（产地环境、种苗、农业投入品）齐全", "7"),
            ("产中标准（栽培或养殖技术规程）齐全", "7"),
            ("产后标准（采收、加工、质量验收、包装贮运）齐全", "6"),
        ]),
        ("3", "标准实施与宣传", [
            ("标准文本和技术手册发放到户", "7"),
            ("按标准组织生产，实施率达到要求", "8"),
            ("设立标识牌，宣传形式多样", "5"),
        ]),
        ("4", "培训", [
            ("培训计划和记录完整", "5"),
            ("培训覆盖示范区农户和技术人员", "10"),
        ]),
        ("5", "生产过程控制", [
            ("投入品使用记录完整，可追溯", "8"),
            ("产品质量检验检测合格", "7"),
        ]),
        ("6", "示范效果", [
            ("经济效益：产量、质量和收入提高", "5"),
            ("社会效益：辐射带动周边农户", "5"),
            ("品牌建设和生态效益", "5"),
        ]),
    ],
}

SERVICE = {
    "name": "服务标准化试点考核验收评分表（示例）",
    "total": "100",
    "pass_mark": "80",
    "aggregation": "mean",
    "is_sample": True,
    "description": "分组参照 GB/T 24421 的服务标准体系结构（通用基础、服务保障、服务提供）和常见试点考核"
    "内容；具体条款和分值为示例，正式使用前请核对调整。",
    "groups": [
        ("1", "组织管理", [
            ("成立试点工作领导小组和工作机构", "5"),
            ("制定创建工作规划和实施方案", "5"),
            ("落实经费和人员保障", "5"),
        ]),
        ("2", "标准体系建设", [
            ("服务通用基础标准体系", "10"),
            ("服务保障标准体系", "10"),
            ("服务提供标准体系", "10"),
        ]),
        ("3", "标准实施", [
            ("标准宣贯和员工培训", "10"),
            ("标准在各环节和岗位落实", "10"),
            ("实施记录完整", "5"),
        ]),
        ("4", "评价与改进", [
            ("开展标准实施评价和顾客满意度测评", "8"),
            ("对发现的问题持续改进", "7"),
        ]),
        ("5", "试点成效", [
            ("服务质量和效率提升", "8"),
            ("社会评价和示范带动作用", "7"),
        ]),
    ],
}

PERFORMANCE_EXCELLENCE = {
    "name": "卓越绩效评价准则（GB/T 19580-2012）",
    "total": "1000",
    "pass_mark": "600",
    "aggregation": "trimmed_mean",
    "is_sample": False,
    "description": "GB/T 19580-2012 的七个类目及其评分项，共1000分。合格分数线600分取自长江质量奖2009年"
    "评审规则；类目和评分项分值请对照标准附录核实后使用。",
    "groups": [
        ("4.1", "领导", [
            ("高层领导的作用", "50"), ("组织治理", "30"), ("社会责任", "30"),
        ]),
        ("4.2", "战略", [("战略制定", "40"), ("战略部署", "50")]),
        ("4.3", "顾客与市场", [("顾客和市场的了解", "40"), ("顾客关系与顾客满意", "50")]),
        ("4.4", "资源", [
            ("人力资源", "60"), ("财务资源", "15"), ("信息和知识资源", "20"),
            ("技术资源", "15"), ("基础设施", "10"), ("相关方关系", "10"),
        ]),
        ("4.5", "过程管理", [("过程的识别与设计", "50"), ("过程的实施与改进", "50")]),
        ("4.6", "测量、分析与改进", [("测量、分析和评价", "40"), ("改进与创新", "40")]),
        ("4.7", "结果", [
            ("产品和服务结果", "80"), ("顾客与市场结果", "80"), ("财务结果", "80"),
            ("资源结果", "60"), ("过程有效性结果", "50"), ("领导方面的结果", "50"),
        ]),
    ],
}

SHIPPED = [AGRICULTURAL, SERVICE, PERFORMANCE_EXCELLENCE]


def load(apps, schema_editor):
    ScoringTemplate = apps.get_model("portal", "ScoringTemplate")
    Criterion = apps.get_model("portal", "Criterion")
    for data in SHIPPED:
        if ScoringTemplate.objects.filter(name=data["name"], version=1).exists():
            continue
        template = ScoringTemplate.objects.create(
            name=data["name"],
            version=1,
            total_points=Decimal(data["total"]),
            pass_mark=Decimal(data["pass_mark"]),
            aggregation=data["aggregation"],
            description=data["description"],
            is_sample=data["is_sample"],
        )
        position = 0
        for code, title, items in data["groups"]:
            position += 1
            group = Criterion.objects.create(
                template=template,
                code=code,
                title=title,
                max_points=sum(Decimal(points) for _, points in items),
                position=position,
            )
            for index, (item_title, points) in enumerate(items, start=1):
                position += 1
                Criterion.objects.create(
                    template=template,
                    parent=group,
                    code=f"{code}.{index}",
                    title=item_title,
                    max_points=Decimal(points),
                    position=position,
                )


def unload(apps, schema_editor):
    ScoringTemplate = apps.get_model("portal", "ScoringTemplate")
    ScoringTemplate.objects.filter(
        name__in=[data["name"] for data in SHIPPED], version=1, is_frozen=False
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_scoring_engine")]

    operations = [migrations.RunPython(load, unload)]
