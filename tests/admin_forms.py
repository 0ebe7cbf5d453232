"""What a browser would post back from an admin change page, for tests that submit one."""


def revision_form_data(response) -> dict:
    """The page's form and inline forms as a browser would submit them, unchanged (a change
    page, or a history page's restore form)."""
    context = response.context
    data = {}
    for form in [context["adminform"].form] + [
        form for formset in context["inline_admin_formsets"] for form in formset.formset.forms
    ]:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = str(getattr(value, "pk", value))
    for formset in context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
    return data
