"""Which fields editors translate (django-modeltranslation adds one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from routines.models import (
    Audience,
    Benefit,
    Contraindication,
    PressureLevel,
    Routine,
    SafetyScreen,
    Step,
    Technique,
    Tool,
)


@register(Audience)
class AudienceTranslation(TranslationOptions):
    fields = ("name",)


@register(Benefit)
class BenefitTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "evidence_note")


@register(Technique)
class TechniqueTranslation(TranslationOptions):
    fields = ("name", "how_to", "image_alt")


@register(Contraindication)
class ContraindicationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Routine)
class RoutineTranslation(TranslationOptions):
    fields = ("title", "summary", "introduction", "safety_notes", "not_for", "image_alt")


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "instruction", "tip", "narration")


@register(Tool)
class ToolTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SafetyScreen)
class SafetyScreenTranslation(TranslationOptions):
    fields = SafetyScreen.TEXTS


@register(PressureLevel)
class PressureLevelTranslation(TranslationOptions):
    fields = ("feels_like",)
