"""Sync tokens: signed journal positions that a client sends back to get only what changed."""

from django.core import signing

# The signing salt: tokens signed for other purposes do not verify as sync tokens.
SYNC_SALT = "footcare.sync"


class TokenRejected(ValueError):
    """The token cannot be used for a delta; the message says why, in the client's terms."""


def make_token(position: int) -> str:
    return signing.Signer(salt=SYNC_SALT).sign(str(position))


def read_token(token: str, *, through: int, compacted: int) -> int:
    """The journal position a token stands for, or TokenRejected saying why not."""
    try:
        position = int(signing.Signer(salt=SYNC_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise TokenRejected("The sync token is not one this service issued.") from None
    if position < compacted:
        raise TokenRejected("The sync token is too old: its changes are no longer kept.")
    if position > through:
        raise TokenRejected("The sync token is from the future of this catalogue.")
    return position
