"""Small database helpers shared by the apps' querysets, and the snapshot readers read in."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Aggregate, JSONField, OuterRef, QuerySet, Subquery


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Every read inside sees the content as one commit left it, whatever commits meanwhile.

    A sync reads a dozen tables one after another: outside a snapshot, an editor's delete
    committed between two of those reads leaves a zone naming a body part the answer no
    longer holds (issue 24 measured 21 such answers in 80). A transaction is the snapshot:
    on PostgreSQL at REPEATABLE READ (its default, READ COMMITTED, gives each statement a
    snapshot of its own), set on the driver's connection so that psycopg opens it with
    ``BEGIN ISOLATION LEVEL REPEATABLE READ`` and no statement is added; on SQLite any
    transaction reads one state of the file from its first read to its end. Read only in
    spirit, not enforced: nothing here writes, and a write would still be safe.

    Inside a transaction already (a test's, a caller's), that transaction is the snapshot.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    previous = getattr(driver, "isolation_level", None)
    if connection.vendor == "postgresql":
        from psycopg import IsolationLevel

        driver.isolation_level = IsolationLevel.REPEATABLE_READ
    try:
        with transaction.atomic(using=using):
            yield
    finally:
        if connection.vendor == "postgresql" and connection.connection is driver:
            driver.isolation_level = previous


class JSONArrayAgg(Aggregate):
    """Values gathered into a JSON array: SQLite's ``json_group_array``, PostgreSQL's
    ``jsonb_agg`` (which Django reads back as text, like any JSONField)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def slugs_of(related: QuerySet[Any], link: str) -> Subquery:
    """The slugs of ``related`` rows whose ``link`` is the outer row, as one JSON array.

    One column of the outer query instead of a prefetch query and a manager per row: lists
    that only name their related items by slug stay at a fixed, small number of queries.
    NULL when there are none.
    """
    rows = related.filter(**{link: OuterRef("pk")}).order_by().values(link)
    return Subquery(
        rows.annotate(slugs=JSONArrayAgg("slug")).values("slugs"), output_field=JSONField()
    )
