"""Which fields editors translate (django-modeltranslation adds one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from zones.models import Area, BodyPart, Landmark, Source, Zone


@register(BodyPart)
class BodyPartTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Zone)
class ZoneTranslation(TranslationOptions):
    fields = ("name", "description", "technique_hints", "caution", "skin_signs", "tradition_note")


@register(Landmark)
class LandmarkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Source)
class SourceTranslation(TranslationOptions):
    fields = ("supports",)
