"""Russian for the Django admin's own sentences that name a model.

Django's Russian catalogue puts the model's name into a sentence as it is, in the nominative,
where Russian grammar wants another case: "Изменить зона", "Добавить еще один зона",
"зона … был успешно добавлен". Our catalogue (``footcare/locale/ru``) comes before Django's, so it
words these sentences so that the name stands on its own ("Изменение: зона", "Добавить ещё:
зона", "Добавлено: зона «…»"). They are listed here so that ``make messages`` keeps them in
the catalogue; English stays Django's own wording.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN_SENTENCES = (
    # Page titles and buttons.
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Cannot delete %(name)s"),
    # What the editor is told after saving or deleting.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    # The history of an object.
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    # Deleting.
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of '
        "the following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the "
        "following protected related objects:"
    ),
)
