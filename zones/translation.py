"""Which fields editors translate (see ``footcare.content.translations.translate``)."""

from footcare.content.translations import translate
from zones import models

translate(models.BodyPart, "name", "description")
translate(
    models.Zone, "name", "description", "technique_hints", "caution", "skin_signs", "tradition_note"
)
translate(models.Landmark, "name", "description")
translate(models.Area, "name", "description")
translate(models.Source, "supports")
