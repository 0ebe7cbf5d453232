"""Query parameters the contract does not name are refused, not ignored.

An ignored parameter hides a client's mistake (``?foot=left`` sent to an endpoint that has no
such filter answers as if it were not there) and made a new stored answer per value
(``?utm_source=…``). The committed contract, ``openapi/v1.yaml``, is the list of what each
operation takes: the contract test keeps it equal to the code, so this check and the
documentation cannot disagree.
"""

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from footcare.api.problems import validation_problem

CONTRACT = Path(settings.BASE_DIR) / "openapi" / "v1.yaml"


@cache
def _operations() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """(path pattern, query parameters of its GET) for every path of the contract."""
    # libyaml's loader when there is one: ten times faster on this 4,000-line document.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    paths = yaml.load(CONTRACT.read_text(encoding="utf-8"), Loader=loader)["paths"]  # noqa: S506 - a safe loader
    operations = []
    for template, methods in paths.items():
        pattern = re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", pattern)
        names = frozenset(
            parameter["name"]
            for parameter in methods.get("get", {}).get("parameters", [])
            if parameter.get("in") == "query"
        )
        operations.append((re.compile(f"^{pattern}$"), names))
    return operations


def known_parameters(path: str) -> frozenset[str] | None:
    """The query parameters the contract gives ``path``; None if the contract has no such path."""
    for pattern, names in _operations():
        if pattern.match(path):
            return names
    return None


class RefuseUnknownParametersMiddleware:
    """A 400 naming every query parameter the operation does not take."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        _operations()  # read the contract as the process starts, not on a client's request

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in ("GET", "HEAD") and request.GET:
            known = known_parameters(request.path)
            unknown = sorted(set(request.GET) - known) if known is not None else []
            if known is not None and unknown:
                takes = ", ".join(sorted(known)) or "no query parameters"
                return validation_problem(
                    [
                        {
                            "field": name,
                            "message": f"Unknown parameter; this endpoint takes {takes}.",
                        }
                        for name in unknown
                    ]
                )
        return self.get_response(request)
