"""What the scoring page tests post and read."""


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def template_data(**overrides):
    data = {
        "name": "标准化良好行为企业评分表",
        "total_points": "100",
        "pass_mark": "75.5",
        "aggregation": "trimmed_mean",
        "description": "",
        "is_sample": "",
    }
    return data | overrides


def criterion_data(**overrides):
    data = {"parent": "", "code": "3", "title": "档案管理", "max_points": "5", "guidance": ""}
    return data | {"position": "9"} | overrides
