"""Log lines carry text that clients choose (request paths): keep it on one line."""

import logging
import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class EscapeControlCharacters(logging.Filter):
    """Writes control characters of a log message as escapes (``\\n``, ``\\x00``).

    A request for ``/api/v1/zones/%0AINFO forged`` would otherwise start a line of its own
    in the log. Tracebacks are added by the formatter after this and keep their lines.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if CONTROL_CHARACTERS.search(message):
            record.msg = CONTROL_CHARACTERS.sub(
                lambda match: match.group().encode("unicode_escape").decode(), message
            )
            record.args = None
        return True
