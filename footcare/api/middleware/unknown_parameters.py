"""Query parameters the contract does not name are refused, not ignored; so are repeated ones,
and empty ones where the contract's schema needs a value.

An ignored parameter hides a client's mistake (``?foot=left`` sent to an endpoint that has no
such filter answers as if it were not there) and made a new stored answer per value
(``?utm_source=…``). The committed contract, ``openapi/v1.yaml``, is the list of what each
operation takes: the contract test keeps it equal to the code, so this check and the
documentation cannot disagree.

No parameter of the contract is a repeated (exploded) list, so ``?a=1&a=2`` is a mistake too,
which would otherwise be answered from whichever value the code happened to read.
"""

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import yaml
from django.http import HttpRequest, HttpResponseBase, QueryDict

from footcare.api.contract import CONTRACT
from footcare.api.problems import validation_problem


def _allows_empty(schema: dict[str, Any]) -> bool:
    """Whether ``?name=`` (an empty value) is a value this schema allows."""
    if schema.get("type") == "array":
        return not schema.get("minItems")
    if schema.get("type") != "string" or "enum" in schema or schema.get("minLength"):
        return False
    return "pattern" not in schema or re.search(schema["pattern"], "") is not None


@cache
def _operations() -> list[tuple[re.Pattern[str], dict[str, bool]]]:
    """(path pattern, {query parameter of its GET: whether it may be empty}) for every path
    of the contract."""
    # libyaml's loader when there is one: ten times faster on this 4,000-line document.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    paths = yaml.load(CONTRACT.read_text(encoding="utf-8"), Loader=loader)["paths"]  # noqa: S506 - a safe loader
    operations = []
    for template, methods in paths.items():
        pattern = re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", pattern)
        parameters = {
            parameter["name"]: _allows_empty(parameter.get("schema", {}))
            for parameter in methods.get("get", {}).get("parameters", [])
            if parameter.get("in") == "query"
        }
        operations.append((re.compile(f"^{pattern}$"), parameters))
    return operations


def known_parameters(path: str) -> dict[str, bool] | None:
    """The query parameters the contract gives ``path``, each with whether it may be empty;
    None if the contract has no such path."""
    for pattern, parameters in _operations():
        if pattern.match(path):
            return parameters
    return None


def parameter_errors(path: str, query: QueryDict) -> list[dict[str, str]]:
    """What is wrong with the query parameters of a GET of ``path``, one error per parameter."""
    known = known_parameters(path)
    if known is None:
        return []
    takes = ", ".join(sorted(known)) or "no query parameters"
    errors = []
    for name, values in sorted(query.lists()):
        if name not in known:
            message = f"Unknown parameter; this endpoint takes {takes}."
        elif len(values) > 1:
            message = "Give this parameter once; for several values, separate them by commas."
        elif values[0] == "" and not known[name]:
            message = "Give a value, or leave the parameter out."
        else:
            continue
        errors.append({"field": name, "message": message})
    return errors


class RefuseUnknownParametersMiddleware:
    """A 400 naming every query parameter the operation does not take, or takes once, or needs
    a value for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        _operations()  # read the contract as the process starts, not on a client's request

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in ("GET", "HEAD") and request.GET:
            errors = parameter_errors(request.path, request.GET)
            if errors:
                return validation_problem(errors)
        return self.get_response(request)
