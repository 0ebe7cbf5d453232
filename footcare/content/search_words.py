"""What a search may ask: its words, and how many and how long, for the API and the admin alike.

Both search the same texts the same way, so a search one refuses the other refuses too.
"""

import re

# Each search term is a regex over every search field: past these, a search costs more than
# any honest query needs (1,300 terms took 450 ms and slowed every other request).
MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_LENGTH = 64
# Words are split at spaces and commas, and nothing else, so that the contract can state the
# rule exactly (DRF's own split also honours quotes, which no regular expression can follow).
_WORD = rf"[^\x00-\x1f\x7f ,]{{1,{MAX_SEARCH_TERM_LENGTH}}}"
SEARCH_PATTERN = rf"^[ ,]*(?:{_WORD}(?:[ ,]+{_WORD}){{0,{MAX_SEARCH_TERMS - 1}}})?[ ,]*$"


def search_terms(raw: str) -> list[str]:
    """The words of a search, as the contract's pattern reads them."""
    return [term for term in re.split(r"[ ,]+", raw) if term]


def search_problem(terms: list[str]) -> str | None:
    """Why a search is refused, in words for a person; None when it is fine."""
    if len(terms) > MAX_SEARCH_TERMS:
        return f"Search for at most {MAX_SEARCH_TERMS} words at a time."
    if any(len(term) > MAX_SEARCH_TERM_LENGTH for term in terms):
        return f"Each search word may have at most {MAX_SEARCH_TERM_LENGTH} characters."
    return None
