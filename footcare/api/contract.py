"""The committed v1 contract: what the service promises, read by the code that keeps the promise.

The query parameters it names are the only ones accepted (``middleware.unknown_parameters``),
and its bytes are part of what a stored answer was made by (``response_cache``).
"""

from pathlib import Path

from django.conf import settings

CONTRACT = Path(settings.BASE_DIR) / "openapi" / "v1.yaml"
