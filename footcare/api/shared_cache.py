"""The shared cache, used so that an outage costs requests nothing.

Every user of the cache on the request path (stored answers, the rate limit) goes through
one breaker, so a Redis that hangs is noticed once and then left alone for everyone.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


class _CacheBreaker:
    """After a cache error, leave the cache alone for a few seconds.

    A Redis that hangs would otherwise cost every request its socket timeout twice (a read
    and a write); with the breaker open, answers come straight from the database.
    """

    pause_seconds = 5.0

    def __init__(self) -> None:
        self.closed_after = 0.0

    def run(self, operation: Callable[[], Any], default: Any = None) -> Any:
        if time.monotonic() < self.closed_after:
            return default
        try:
            return operation()
        except Exception:  # any backend error: Redis down, timeouts, …
            self.closed_after = time.monotonic() + self.pause_seconds
            logger.warning(
                "The cache is unavailable; answering from the database for %.0f s.",
                self.pause_seconds,
                exc_info=True,
            )
            return default


breaker = _CacheBreaker()
