"""What the API and the sync read of the foot map.

Each item with the rows its answer shows, prefetched: one query per table, whatever the count.
"""

from django.db.models import QuerySet

from zones.models import BodyPart, Zone


def zone_detail_queryset() -> QuerySet[Zone]:
    return Zone.objects.prefetch_related("body_parts", "shapes", "sources", "overlaps")


def body_part_queryset() -> QuerySet[BodyPart]:
    return BodyPart.objects.prefetch_related("zones", "zones__shapes")
