"""The benchmark's table: one row per page, in columns that fit Chinese names."""

import unicodedata

# --- the table ------------------------------------------------------------------------------


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fit(text: str, size: int) -> str:
    while width(text) > size:
        text = text[:-2] + "…"
    return text + " " * (size - width(text))


def number(value, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows: list[dict]) -> str:
    """One line per page: rate, latencies (ms), SQL queries at demo and full size, ratios to the
    admin changelist and the floor, the load average while it was measured, the verdict."""
    columns = [
        ("req/s", 7),
        ("p50", 6),
        ("p95", 6),
        ("p99", 6),
        ("p95@2", 6),
        ("SQL", 7),
        ("×admin", 6),
        ("×floor", 6),
        ("load", 5),
    ]
    header = f"{fit('page', 46)} {fit('role', 10)} " + " ".join(
        f"{title:>{size}}" for title, size in columns
    )
    lines = [header + "  result", "-" * (width(header) + 12)]
    for row in rows:
        c8, c2 = row.get("c8") or {}, row.get("c2") or {}
        queries = row["queries"]
        values = [
            number(c8.get("req_per_s"), 1),
            number(c8.get("p50_ms")),
            number(c8.get("p95_ms")),
            number(c8.get("p99_ms")),
            number(c2.get("p95_ms")),
            f"{number(queries['demo'])}/{number(queries['full'])}",
            number(row.get("ratio_admin"), 2),
            number(row.get("ratio_floor"), 3),
            number(row.get("load"), 1),
        ]
        failed = [name for name, ok in row["checks"].items() if not ok]
        if row.get("status") != 200:
            result = f"FAIL status {row.get('status')}"
        else:
            result = "pass" if row["passed"] else "FAIL " + ",".join(failed)
        lines.append(
            f"{fit(row['name'], 46)} {fit(row['role'], 10)} "
            + " ".join(
                f"{value:>{size}}" for value, (_title, size) in zip(values, columns, strict=True)
            )
            + f"  {result}"
        )
    return "\n".join(lines)
