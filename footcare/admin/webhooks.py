"""Webhooks in the admin: operators (superusers) configure endpoints and watch deliveries."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from footcare.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint


def https_by_default(db_field: Any, **kwargs: Any) -> Any:
    """An address typed without a scheme is taken as https (Django 6's default already)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this endpoint is told of."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "events", "secret", "active"]
        formfield_callback = https_by_default

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(gettext("The address starts with http:// or https://."))
        return url


class OperatorsOnly:
    """Endpoints reach other systems with the service's secret: superusers only."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(OperatorsOnly, admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "subscribed", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # as the form's (the admin passes its own)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("events"))
    def subscribed(self, endpoint: WebhookEndpoint) -> str:
        labels = dict(Event.choices)
        return ", ".join(str(labels.get(event, event)) for event in endpoint.events)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(OperatorsOnly, admin.ModelAdmin):
    list_display = [
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_response",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["uuid", "endpoint__url"]
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields if field.name != "id"]
    actions = ["send_again"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # events come from changes, not from a form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.action(description=_("Send again now"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = queryset.update(
            status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
        )
        self.message_user(
            request,
            ngettext("%d delivery will be sent again.", "%d deliveries will be sent again.", count)
            % count,
            messages.SUCCESS,
        )
