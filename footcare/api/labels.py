"""How answers show the labels of enum values (``/api/v1/labels/`` and the syncs).

The contract names the enum each list labels twice: its items are ``<Name>EnumLabel`` schemas,
and their ``value`` is a reference to the enum's own schema (``DifficultyEnum``), so a
generated client types ``value`` as exactly that enum's values.
"""

from functools import cache

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from footcare.content.labels import LabelSet, label_sets

VERSION_HELP = (
    "A digest of these labels in this language: it changes only when a release changes them. "
    "The syncs carry it as `labels_version`; fetch the labels again when it differs."
)


def _label_serializer(label_set: LabelSet) -> type[serializers.Serializer]:
    value = extend_schema_field({"$ref": f"#/components/schemas/{label_set.enum}"})(
        type(f"{label_set.enum}Value", (serializers.CharField,), {})
    )
    return type(
        f"{label_set.enum}LabelSerializer",
        (serializers.Serializer,),
        {
            "__doc__": f"A value of `{label_set.enum}`, as a person reads it.",
            "value": value(),
            "label": serializers.CharField(help_text="A few words, in the request's language."),
            "explanation": serializers.CharField(
                help_text="What it means, in a sentence or two, in the request's language."
            ),
        },
    )


@cache
def labels_serializer() -> type[serializers.Serializer]:
    """The schema of the labels answer: a ``version``, and a list per enum, named after it."""
    fields: dict[str, object] = {
        "version": serializers.CharField(help_text=VERSION_HELP),
    }
    for label_set in label_sets():
        fields[label_set.key] = _label_serializer(label_set)(
            many=True,
            help_text=f"The labels of `{label_set.enum}`, every value in the contract's order.",
        )
    return type("LabelsSerializer", (serializers.Serializer,), fields)
