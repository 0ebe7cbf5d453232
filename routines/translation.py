"""Which fields editors translate (see ``footcare.content.translations.translate``)."""

from footcare.content.translations import translate
from routines import models

translate(models.Audience, "name")
translate(models.Benefit, "title", "summary", "body", "evidence_note")
translate(models.Technique, "name", "how_to", "image_alt")
translate(models.Contraindication, "name", "description")
translate(
    models.Routine, "title", "summary", "introduction", "safety_notes", "not_for", "image_alt"
)
translate(models.Step, "title", "instruction", "tip", "narration")
translate(models.Tool, "name", "description")
translate(models.SafetyScreen, *models.SafetyScreen.TEXTS)
translate(models.PressureLevel, "feels_like")
