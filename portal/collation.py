"""Chinese names in the order readers expect: by pinyin, not by code point."""

from django.db.models import Func


class Pinyin(Func):
    """``order_by(Pinyin("name"))``: on PostgreSQL the ICU collation ``zh-x-icu`` sorts Chinese
    text by pinyin (阿里, 北京, 湖北, 通城, 咸宁); other databases (SQLite in development) keep
    their own order."""

    arity = 1
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f'{sql} COLLATE "zh-x-icu"', params
