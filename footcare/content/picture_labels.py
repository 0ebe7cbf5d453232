"""Labels of the pictures' media types (``ContentTypeEnum``), for footcare.content.labels."""

from django.utils.translation import gettext_lazy as _

from footcare.content.labels import Label, LabelSet
from footcare.content.pictures import EXTENSIONS, SVG_TYPE

_LABELS = {
    "image/jpeg": Label(
        "image/jpeg",
        _("JPEG picture"),
        _("A photograph or drawing stored as JPEG, the common format for photographs."),
    ),
    "image/png": Label(
        "image/png",
        _("PNG picture"),
        _("A drawing or photograph stored as PNG, which keeps sharp edges and transparency."),
    ),
    SVG_TYPE: Label(
        SVG_TYPE,
        _("SVG drawing"),
        _("A drawing made of lines and shapes (SVG): it stays sharp at any size."),
    ),
    "image/webp": Label(
        "image/webp",
        _("WebP picture"),
        _("A photograph or drawing stored as WebP, a compact modern format."),
    ),
}

# In the order the contract lists them (sorted, as the image serializer offers them).
LABEL_SETS = [LabelSet("ContentTypeEnum", tuple(_LABELS[kind] for kind in sorted(EXTENSIONS)))]
