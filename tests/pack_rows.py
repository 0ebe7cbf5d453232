"""The shipped content pack's rows, loaded once per test process and copied into later modules.

``load_content`` makes about 11,000 queries: 6 s on this 2-core machine, and about 25 modules
want the pack (150 s of a full run). The first module of a process runs the command itself;
its result, every row of every table, is kept in memory. A later module gets the same database
by deleting every table's rows and inserting the kept ones, inside its own rolled-back
transaction (about 0.2 s). The foreign keys Django makes are deferred to the commit, which never
comes, so the order of the tables does not matter.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

Rows = dict[str, tuple[str, list[tuple]]]


def _tables() -> list[str]:
    tables = connection.introspection.table_names(include_views=False)
    if connection.vendor == "sqlite":
        # The AUTOINCREMENT counters, last: inserting the other tables' rows moves them.
        return [*sorted(tables), "sqlite_sequence"]
    return sorted(tables)


def take() -> Rows:
    """Every row of every table, in the current transaction."""
    quote = connection.ops.quote_name
    rows: Rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                # COPY's text form round-trips every type (JSON, arrays, ranges) exactly.
                text = bytearray()
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    while chunk := copy.read():
                        text += chunk
                rows[table] = ("", [(bytes(text),)])
                continue
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - a table's name
            columns = ", ".join(quote(column[0]) for column in cursor.description)
            rows[table] = (columns, cursor.fetchall())
    return rows


def put(rows: Rows) -> None:
    """Make every table hold exactly ``rows``, in the current transaction."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in rows:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a table's name
        for table, (columns, values) in rows.items():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    for (chunk,) in values:
                        copy.write(chunk)
                continue
            if table == "sqlite_sequence":
                cursor.execute("DELETE FROM sqlite_sequence")
            if values:
                marks = ", ".join(["%s"] * len(values[0]))
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})",  # noqa: S608
                    values,
                )
        if connection.vendor == "postgresql":
            # Each id sequence continues after the largest id copied in, as after a load.
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
