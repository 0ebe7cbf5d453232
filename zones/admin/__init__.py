"""The foot map's admin pages, with each zone drawn on its foot."""

from typing import Any

from adminsortable2.admin import SortableAdminMixin
from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from footcare.admin.base import GuardedAdminMixin, HistoryAdmin, TranslatedAdmin, UnicodeSearchMixin
from footcare.content.translations import translated_columns
from zones.foot_map import build_foot_map, draw_foot_map
from zones.geometry import mirror_polygons
from zones.models import (
    Area,
    AreaShape,
    BodyPart,
    Foot,
    FootOutline,
    FootSide,
    Landmark,
    Source,
    View,
    Zone,
    ZoneShape,
)
from zones.svg import (
    ThumbnailFrame,
    render_zone_thumbnail,
    thumbnail_frame,
)

# The order views are offered in: the sole first, where most zones lie.
VIEW_ORDER = list(View.values)

# Short enough for the zone list's narrow map column.
SHORT_VIEW_NAMES = {
    View.PLANTAR: _("sole"),
    View.DORSAL: _("top"),
    View.MEDIAL: _("inner edge"),
    View.LATERAL: _("outer edge"),
}


def foot_map_svg(
    *, foot: str, view: str, highlight: str | None = None, editing: Zone | None = None
) -> SafeString:
    """The foot map drawn by the same code as the API's SVG; every text in it is escaped.

    With ``editing``, that zone is drawn for the change form's live preview (see
    ``zones.svg.render_foot_map``), with ids of its own so that several maps can share the page.
    """
    data = build_foot_map(foot=foot, view=view).as_data()
    chosen = {highlight} if highlight else set()
    if editing is None:
        return mark_safe(draw_foot_map(data, highlight=chosen))  # noqa: S308
    live = draw_foot_map(
        data, highlight=chosen, editing=str(editing.uuid), ids=f"map-{foot}-{view}"
    )
    return mark_safe(live)  # noqa: S308


def _feet_of(zone: Zone) -> list[str]:
    return [FootSide.RIGHT, FootSide.LEFT] if zone.foot == Foot.BOTH else [zone.foot]


class ZoneThumbnailColumn:
    """The zone list's column of small maps: the foot's outline with the zone filled in on
    its first view (the sole first), and under it the views it is drawn on, in short.

    Made afresh for each request (``ZoneAdmin.get_list_display``), because it remembers
    what it drew: the outlines are read in one query for the whole page, and each outline
    is turned into SVG once per view and foot, whatever the number of zones. The zone's own
    shapes come prefetched with the list. A zone on the left foot only is drawn on the left
    foot; every other on the right.
    """

    __name__ = "map_thumbnail"  # the admin names the column's CSS class after it
    short_description = _("where")

    def __init__(self) -> None:
        self._outlines: dict[str, FootOutline] | None = None
        self._frames: dict[tuple[str, str], ThumbnailFrame] = {}

    def __call__(self, zone: Zone) -> SafeString | None:
        shapes = sorted(zone.shapes.all(), key=lambda shape: VIEW_ORDER.index(shape.view))
        if not shapes:
            return None
        views = ", ".join(str(SHORT_VIEW_NAMES[View(shape.view)]) for shape in shapes)
        return format_html(
            '<div class="zone-where">{}<span class="zone-views">{}</span></div>',
            self._thumbnail(zone, shapes[0]),
            views,
        )

    def _thumbnail(self, zone: Zone, shape: ZoneShape) -> SafeString | str:
        foot = FootSide.LEFT if zone.foot == Foot.LEFT else FootSide.RIGHT
        frame = self._frame(shape.view, foot)
        if frame is None:
            return ""
        polygons = mirror_polygons(shape.polygons) if foot == FootSide.LEFT else shape.polygons
        title = gettext("%(zone)s: %(view)s, %(foot)s") % {
            "zone": zone.name,
            "view": shape.get_view_display(),
            "foot": FootSide(foot).label,
        }
        thumbnail = render_zone_thumbnail(frame, polygons, title=title, size=48)
        return mark_safe(thumbnail)  # noqa: S308

    def _frame(self, view: str, foot: str) -> ThumbnailFrame | None:
        if self._outlines is None:
            self._outlines = {outline.view: outline for outline in FootOutline.objects.all()}
        outline = self._outlines.get(view)
        if outline is None:
            return None  # no outline drawn for this view yet
        if (view, foot) not in self._frames:
            points = (
                mirror_polygons([outline.points])[0] if foot == FootSide.LEFT else outline.points
            )
            self._frames[view, foot] = thumbnail_frame(points, outline.aspect_ratio)
        return self._frames[view, foot]


def zone_map_preview(zone: Zone) -> SafeString | str:
    """The change form's maps of ``zone``: every view with an outline, on both feet.

    ``live_preview.js`` redraws the zone on them as the editor types its shapes, and shows
    just the views those shapes use on the feet the zone is on. Before it runs (or without
    it) the saved shapes' views are shown; a zone with no shape yet shows the first view,
    so that its drawing appears as soon as the editor types corners.
    """
    outlined = set(FootOutline.objects.values_list("view", flat=True))
    views = [view for view in VIEW_ORDER if view in outlined]
    if not views:
        return gettext("Draw a foot outline first: zones are drawn on it.")
    saved = {shape.view for shape in zone.shapes.all()} if zone.pk else set()
    shown_views = saved or {views[0]}
    feet = _feet_of(zone)
    figures = [
        _map_figure(zone, view, foot, shown=view in shown_views and foot in feet)
        for view in views
        for foot in (FootSide.RIGHT, FootSide.LEFT)
    ]
    return format_html(
        '<div class="zone-map-preview" data-hint-unfinished="{}" data-hint-shape="{}" '
        'data-hint-no-view="{}" data-hint-view-taken="{}">{}<p class="help">{}</p></div>',
        gettext(
            "Not a complete list of corners yet (check the brackets and commas). "
            "The map shows the last complete drawing."
        ),
        gettext(
            "Each polygon needs at least 3 corners, each [x, y] with both numbers from 0 to 1. "
            "The map shows the last complete drawing."
        ),
        gettext("Choose a view to see this shape on the map."),
        gettext("Another shape is already on this view; each view takes one shape."),
        format_html_join("", "{}", ((figure,) for figure in figures)),
        gettext("The map follows the shapes below as you type; saving checks them."),
    )


def _map_figure(zone: Zone, view: str, foot: str, *, shown: bool) -> SafeString:
    caption = gettext("%(foot)s, %(view)s") % {
        "foot": FootSide(foot).label,
        "view": View(view).label,
    }
    return format_html(
        '<figure class="zone-map" data-view="{}" data-foot="{}"{}>{}<figcaption>{}</figcaption>'
        "</figure>",
        view,
        foot,
        "" if shown else mark_safe(" hidden"),
        foot_map_svg(foot=foot, view=view, editing=zone),
        caption,
    )


class ZoneAdminForm(forms.ModelForm):
    longitudinal_zones = forms.MultipleChoiceField(
        choices=[(str(n), str(n)) for n in range(1, 6)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Longitudinal zones"),
        help_text=_("1 is the big-toe side, 5 the little-toe side."),
    )

    class Meta:
        model = Zone
        fields = ["longitudinal_zones"]  # the admin's fieldsets add the rest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["longitudinal_zones"] = list(self.instance.longitudinal_zones)

    def clean_longitudinal_zones(self) -> str:
        return "".join(sorted(set(self.cleaned_data["longitudinal_zones"])))


class ShapeInline(admin.TabularInline):
    """A zone's or an area's polygons, one row per view."""

    extra = 0
    fields = ["view", "polygons"]
    verbose_name = _("shape on a view")
    verbose_name_plural = _("shapes (right-foot coordinates; the left foot is mirrored)")


class ZoneShapeInline(ShapeInline):
    model = ZoneShape


@admin.register(Zone)
class ZoneAdmin(SortableAdminMixin, HistoryAdmin, UnicodeSearchMixin, TranslatedAdmin):
    form = ZoneAdminForm
    # What an editor scans a list for, narrow enough for a laptop with the admin's sidebar
    # open; region, view and tradition stay as filters. The map thumbnails are added per
    # request (get_list_display).
    list_display = ["position", "name", "foot", "sensitivity", "pressure"]
    list_display_links = ["name"]
    list_filter = [
        "foot",
        ("shapes__view", admin.ChoicesFieldListFilter),
        "region",
        "sensitivity",
        "body_parts__system",
        "tradition",
    ]
    search_fields = ["slug", *translated_columns("name", "body_parts__name")]
    autocomplete_fields = ["body_parts", "sources", "overlaps"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["foot_map_preview", "updated_at"]
    inlines = [ZoneShapeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "body_parts"]}),
        (
            _("Where"),
            {"fields": ["foot", "region", "longitudinal_zones", "overlaps"]},
        ),
        (
            _("How to press"),
            {
                "fields": [
                    "sensitivity",
                    "skin",
                    "recommended_pressure",
                    "max_pressure",
                    "technique_hints",
                    "caution",
                ]
            },
        ),
        (
            _("Tradition and sources"),
            {"fields": ["skin_signs", "tradition", "tradition_note", "sources", "updated_at"]},
        ),
        # Last, so that the map sits right above the shapes it draws.
        (_("On the foot map"), {"fields": ["foot_map_preview"]}),
    ]

    class Media:
        css = {"all": ["zones/admin/zones.css"]}
        js = ["zones/admin/live_preview.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Zone]:
        return super().get_queryset(request).prefetch_related("shapes")

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        columns: list[Any] = list(super().get_list_display(request))
        columns.insert(columns.index("name"), ZoneThumbnailColumn())
        return columns

    @admin.display(description=_("pressure"), ordering="recommended_pressure")
    def pressure(self, zone: Zone) -> SafeString:
        explained = gettext("Recommended: %(recommended)s. Never harder than: %(maximum)s.") % {
            "recommended": zone.get_recommended_pressure_display(),
            "maximum": zone.get_max_pressure_display(),
        }
        short = gettext("%(recommended)s, max %(maximum)s") % {
            "recommended": zone.recommended_pressure,
            "maximum": zone.max_pressure,
        }
        return format_html('<span title="{}">{}</span>', explained, short)

    @admin.display(description=_("preview"))
    def foot_map_preview(self, zone: Zone) -> SafeString | str:
        return zone_map_preview(zone)


def area_map_preview(area: Area) -> SafeString | str:
    """The change form's maps of ``area``: its saved polygons drawn on each view's outline
    (the right foot), under the zones, as the API's foot map draws a highlighted area."""
    outlined = set(FootOutline.objects.values_list("view", flat=True))
    saved = {shape.view for shape in area.shapes.all()} if area.pk else set()
    views = [view for view in VIEW_ORDER if view in outlined and view in saved]
    if not views:
        return gettext(
            "Not drawn on any view yet: add its polygons below and save. A step that works "
            "this area can only be shown on the map once it has a shape."
        )
    figures = [
        format_html(
            '<figure class="zone-map" data-view="{}">{}<figcaption>{}</figcaption></figure>',
            view,
            foot_map_svg(foot=FootSide.RIGHT, view=view, highlight=area.slug),
            View(view).label,
        )
        for view in views
    ]
    return format_html(
        '<div class="zone-map-preview">{}<p class="help">{}</p></div>',
        format_html_join("", "{}", ((figure,) for figure in figures)),
        gettext("The saved shapes, on the right foot; saving checks new ones."),
    )


class AreaShapeInline(ShapeInline):
    model = AreaShape


@admin.register(Area)
class AreaAdmin(GuardedAdminMixin, SortableAdminMixin, UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["position", "name", "max_pressure"]
    list_filter = ["max_pressure"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["foot_map_preview"]
    inlines = [AreaShapeInline]

    class Media:
        css = {"all": ["zones/admin/zones.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Area]:
        return super().get_queryset(request).prefetch_related("shapes")

    @admin.display(description=_("on the foot map"))
    def foot_map_preview(self, area: Area) -> SafeString | str:
        return area_map_preview(area)


@admin.register(BodyPart)
class BodyPartAdmin(UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["name", "system", "zone_count"]
    list_filter = ["system"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[BodyPart]:
        return super().get_queryset(request).annotate(zone_count=Count("zones"))

    @admin.display(description=_("zones"), ordering="zone_count")
    def zone_count(self, body_part: BodyPart) -> int:
        return body_part.zone_count  # type: ignore[attr-defined]


@admin.register(Source)
class SourceAdmin(UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["citation", "year", "url", "doi", "isbn"]
    list_filter = ["year"]
    search_fields = ["slug", "citation", "title", "author", "publisher", "url", "doi", "isbn"]
    prepopulated_fields = {"slug": ["citation"]}
    fieldsets = [
        (None, {"fields": ["citation", "slug", "supports"]}),
        (_("Reference"), {"fields": ["title", "author", "publisher", "year"]}),
        (_("Where to find it (at least one)"), {"fields": ["url", "doi", "isbn"]}),
    ]


@admin.register(Landmark)
class LandmarkAdmin(UnicodeSearchMixin, TranslatedAdmin):
    list_display = ["name", "view"]
    list_filter = ["view"]
    search_fields = ["slug", *translated_columns("name")]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(FootOutline)
class FootOutlineAdmin(admin.ModelAdmin):
    list_display = ["view", "aspect_ratio", "updated_at"]
    readonly_fields = ["preview"]

    @admin.display(description=_("the right foot with every zone"))
    def preview(self, outline: FootOutline) -> SafeString | str:
        if not outline.pk:
            return gettext("Save to see the outline.")
        return foot_map_svg(foot=Foot.RIGHT, view=outline.view)
