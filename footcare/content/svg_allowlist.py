"""What an uploaded SVG may contain: elements, their attributes, and CSS, each on a list.

An SVG is served from our own address, so a browser shows it as our site: one that runs a
script, links elsewhere or fetches a file from another host (a tracking pixel, a stylesheet)
would act for us. Anything not on these lists is refused, with its name, so that the editor
knows what to take out.

Values are judged as the browser reads them: the XML parser has decoded character references
(``&#x75;rl(``) before we see an attribute, and tinycss2 tokenizes every style attribute and
presentation attribute as CSS, escapes (``u\\rl(``, ``\\75 rl(``) and comments included, so a
``url(`` is found however it is spelled. The only link allowed is to a part of the same
drawing (``url(#arrow)``, ``href="#shape"``). There is no ``<style>`` element: the shipped
drawings need none, and its selectors would be more to judge than a drawing is worth.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TYPE_CHECKING

import tinycss2
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException, DTDForbidden
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
XLINK_HREF = XLINK + "href"
XML = "{http://www.w3.org/XML/1998/namespace}"

# Properties a drawing of shapes and labels needs; each may be a style declaration or a
# presentation attribute. None of them can fetch anything but through url(), judged below.
PROPERTIES = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-opacity",
    "opacity",
    "color",
    "display",
    "visibility",
    "clip-path",
    "clip-rule",
    "marker",
    "marker-start",
    "marker-mid",
    "marker-end",
    "stop-color",
    "stop-opacity",
    "paint-order",
    "vector-effect",
    "shape-rendering",
    "text-rendering",
    "mix-blend-mode",
    "isolation",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-variant",
    "font-weight",
    "font-stretch",
    "line-height",
    "text-anchor",
    "text-align",
    "text-decoration",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "letter-spacing",
    "word-spacing",
    "writing-mode",
    "transform",
    "transform-origin",
}
EVERY_ELEMENT = {"id", "style", "transform", XML + "space", XML + "lang", *PROPERTIES}
SIZED = {"x", "y", "width", "height"}
FRAMED = {"viewBox", "preserveAspectRatio"}
GRADIENT = {"gradientUnits", "gradientTransform", "spreadMethod", "href", XLINK_HREF}
TEXT = {"x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust"}
# Shapes, grouping, arrowheads, gradients, labels and accessible names: what a drawing needs.
ATTRIBUTES = {
    SVG + name: EVERY_ELEMENT | set(extra)
    for name, extra in {
        "svg": {*SIZED, *FRAMED, "version"},
        "g": set(),
        "defs": set(),
        "marker": {*FRAMED, "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient"},
        "path": {"d", "pathLength"},
        "circle": {"cx", "cy", "r", "pathLength"},
        "ellipse": {"cx", "cy", "rx", "ry", "pathLength"},
        "rect": {*SIZED, "rx", "ry", "pathLength"},
        "line": {"x1", "y1", "x2", "y2", "pathLength"},
        "polyline": {"points", "pathLength"},
        "polygon": {"points", "pathLength"},
        "title": set(),
        "desc": set(),
        "text": TEXT,
        "tspan": TEXT,
        "linearGradient": {*GRADIENT, "x1", "y1", "x2", "y2"},
        "radialGradient": {*GRADIENT, "cx", "cy", "r", "fx", "fy", "fr"},
        "stop": {"offset"},
        "clipPath": {"clipPathUnits"},
        "use": {*SIZED, "href", XLINK_HREF},
        "symbol": {*SIZED, *FRAMED, "refX", "refY"},
    }.items()
}
LINKS = {"href", XLINK_HREF}
# Colours and transforms; everything else (var, calc, image-set, expression, attr …) is out.
FUNCTIONS = {
    "rgb",
    "rgba",
    "hsl",
    "hsla",
    "matrix",
    "translate",
    "translatex",
    "translatey",
    "scale",
    "scalex",
    "scaley",
    "rotate",
    "skewx",
    "skewy",
}
PLAIN_TOKENS = {"whitespace", "ident", "number", "percentage", "dimension", "hash", "string"}
PUNCTUATION = {",", "/", "!"}
INSIDE = re.compile(r"#[\w.:-]+")


class UnsafeValue(Exception):
    """A CSS value holds ``piece``, which is not on the list."""

    def __init__(self, piece: str) -> None:
        super().__init__(piece)
        self.piece = piece


class _Collecting(ET.TreeBuilder):
    """Builds the tree and remembers processing instructions, wherever they stand: the
    plain tree drops them, but a browser obeys ``<?xml-stylesheet?>``."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> ET.Element:
        self.instructions.append(target)
        return super().pi(target, text)


def checked_svg(data: bytes) -> ET.Element:
    """The root of the SVG drawing in ``data``, or a ``ValidationError`` saying what in it is
    not on the lists (or that it cannot be read)."""
    builder = _Collecting()
    parser = SafeET.DefusedXMLParser(target=builder, forbid_dtd=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DTDForbidden:
        raise ValidationError(
            _(
                "This SVG file has a DOCTYPE, which we do not read: save it again from your "
                "drawing program as plain SVG."
            ),
            code="unsafe_svg",
        ) from None
    except (ET.ParseError, DefusedXmlException, ValueError):
        raise ValidationError(
            _("This SVG file cannot be read: save it again from your drawing program."),
            code="bad_svg",
        ) from None
    if builder.instructions:
        raise _unsafe(
            _(
                "This SVG file contains the instruction <?%(target)s?>, which a picture on "
                "our site may not have: keep only shapes and text (export it as plain SVG, "
                "or upload a PNG)."
            ),
            target=builder.instructions[0],
        )
    if root.tag != SVG + "svg":
        raise ValidationError(_("This is not an SVG drawing."), code="bad_svg")
    for element in root.iter():
        _check_element(element)
    return root


def _check_element(element: ET.Element) -> None:
    name = _local(element.tag)
    allowed = ATTRIBUTES.get(element.tag)
    if allowed is None:
        raise _unsafe(
            _(
                "This SVG file contains %(what)s, which a picture on our site may not have: "
                "keep only shapes and text (export it as plain SVG, or upload a PNG)."
            ),
            what=name,
        )
    for attribute, value in element.attrib.items():
        shown = _prefixed(attribute)
        if attribute not in allowed:
            raise _unsafe(
                _(
                    "This SVG file contains %(element)s with the attribute “%(attribute)s”, "
                    "which a picture on our site may not have: keep only shapes and text "
                    "(export it as plain SVG, or upload a PNG)."
                ),
                element=name,
                attribute=shown,
            )
        try:
            if attribute in LINKS:
                _check_link(value)
            elif attribute == "style":
                _check_declarations(element, value)
            elif attribute != "id":
                _check_value(tinycss2.parse_component_value_list(value, skip_comments=True))
        except UnsafeValue as unsafe:
            raise _unsafe(
                _(
                    "This SVG file contains %(element)s whose “%(attribute)s” uses "
                    "“%(value)s”, which a picture on our site may not have: keep only shapes "
                    "and text (export it as plain SVG, or upload a PNG)."
                ),
                element=name,
                attribute=shown,
                value=_shortened(unsafe.piece),
            ) from None


def _check_declarations(element: ET.Element, style: str) -> None:
    for node in tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True):
        if node.type != "declaration" or node.lower_name not in PROPERTIES:
            raise _unsafe(
                _(
                    "This SVG file contains %(element)s with the style property "
                    "“%(property)s”, which a picture on our site may not have: keep only "
                    "shapes and text (export it as plain SVG, or upload a PNG)."
                ),
                element=_local(element.tag),
                property=_shortened(_declaration_shown(node, style)),
            )
        _check_value(node.value)


def _declaration_shown(node: tinycss2.ast.Node, style: str) -> str:
    if node.type == "declaration":
        return str(node.lower_name)
    # A parse error has no text of its own: show the whole style it is in.
    return style if node.type == "error" else node.serialize()


def _check_value(tokens: Iterable[tinycss2.ast.Node]) -> None:
    """A CSS value made only of plain tokens, the allowed functions, and links inside the
    drawing; else ``UnsafeValue`` with the offending piece."""
    for token in tokens:
        if token.type in PLAIN_TOKENS:
            continue
        if token.type == "literal" and token.value in PUNCTUATION:
            continue
        if token.type == "url" and INSIDE.fullmatch(token.value):
            continue
        if token.type == "function":
            if token.lower_name in FUNCTIONS:
                _check_value(token.arguments)
                continue
            arguments = [part for part in token.arguments if part.type != "whitespace"]
            if (
                token.lower_name == "url"
                and len(arguments) == 1
                and arguments[0].type == "string"
                and INSIDE.fullmatch(arguments[0].value)
            ):
                continue
        raise UnsafeValue(token.serialize())


def _check_link(value: str) -> None:
    if not INSIDE.fullmatch(value):
        raise UnsafeValue(value)


def _unsafe(message: "_StrOrPromise", **params: str) -> ValidationError:
    return ValidationError(message, code="unsafe_svg", params=params)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _prefixed(name: str) -> str:
    """An attribute's name as drawing programs write it: ``xlink:href``, ``xml:base``."""
    for namespace, prefix in ((XML, "xml:"), (XLINK, "xlink:")):
        if name.startswith(namespace):
            return prefix + _local(name)
    return _local(name)


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
