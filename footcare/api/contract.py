"""The committed v1 contract: what the service promises, read by the code that keeps the promise.

The query parameters it names are the only ones accepted (``middleware.unknown_parameters``),
and its bytes are part of what a stored answer was made by (``response_cache``).
"""

from pathlib import Path

# Inside the package, so that an installed service reads the same bytes; ``openapi/v1.yaml`` at
# the top of the checkout is a symlink to it, the path clients and tools know.
CONTRACT = Path(__file__).resolve().parent / "openapi" / "v1.yaml"
