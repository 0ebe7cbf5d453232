"""Russian for Django admin's own sentences that name a model: ours, in which the name stands
on its own, comes before Django's, in which it takes the wrong case ("Изменить зона")."""

import gettext
from pathlib import Path

import django.contrib.admin
import pytest
from django.urls import reverse
from django.utils import translation

from footcare.admin.wording import DJANGO_ADMIN_SENTENCES
from tests.factories import BodyPartFactory

DJANGOS_RUSSIAN = gettext.GNUTranslations(
    (Path(django.contrib.admin.__file__).parent / "locale/ru/LC_MESSAGES/django.mo").open("rb")
)


@pytest.mark.parametrize("sentence", DJANGO_ADMIN_SENTENCES)
def test_our_russian_comes_before_djangos(sentence):
    djangos = DJANGOS_RUSSIAN.gettext(sentence)
    assert djangos != sentence  # Django's catalogue has it: the msgid is exactly Django's
    with translation.override("ru"):
        assert translation.gettext(sentence) not in (sentence, djangos)


@pytest.mark.django_db
def test_a_russian_editor_reads_titles_and_messages_in_which_the_name_stands_alone(admin_client):
    lungs = BodyPartFactory(slug="lungs", name_en="Lungs", name_ru="Лёгкие")
    admin_client.cookies["django_language"] = "ru"

    listing = admin_client.get(reverse("admin:zones_bodypart_changelist")).content.decode()
    assert "Выберите, что изменить: часть тела" in listing
    assert "Добавить: часть тела" in listing
    change = admin_client.get(reverse("admin:zones_bodypart_change", args=[lungs.pk]))
    assert "Изменение: часть тела" in change.content.decode()

    delete = reverse("admin:zones_bodypart_delete", args=[lungs.pk])
    assert "Удалить «Лёгкие» (часть тела)?" in admin_client.get(delete).content.decode()
    deleted = admin_client.post(delete, {"post": "yes"}, follow=True).content.decode()
    assert "Удалено: часть тела «Лёгкие»." in deleted


@pytest.mark.django_db
def test_english_keeps_djangos_wording(admin_client):
    lungs = BodyPartFactory(slug="lungs", name_en="Lungs")
    admin_client.cookies["django_language"] = "en"
    change = admin_client.get(reverse("admin:zones_bodypart_change", args=[lungs.pk]))
    assert "Change body part" in change.content.decode()
