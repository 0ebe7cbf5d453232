"""Whether a PNG, JPEG or WebP file carries anything beside its pixels.

Judged by walking the file's own structure (JPEG segments, PNG chunks, WebP chunks) against
lists of the parts that only describe pixels: everything else counts as metadata, whatever
it is called. That covers EXIF (the GPS position, the camera owner's name), XMP, IPTC, colour
profiles, comments, PNG text and time chunks, a JFIF thumbnail of the original, a camera
maker's private segments, and bytes after the end of the image, which viewers ignore and
anyone can read. A file whose structure cannot be followed counts as carrying metadata too:
what cannot be read cannot be vouched for.

``row_values`` (``footcare.content.pictures``) writes only what these lists allow.
"""

import re

JPEG_START = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Frames, tables, restart intervals and scans: how to decode the pixels, and nothing else.
JPEG_STRUCTURE = {*range(0xC0, 0xD0), 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF} - {0xC8}
JPEG_END = 0xD9
JPEG_SCAN = 0xDA
JPEG_APP0 = 0xE0
# Markers that stand alone, without a length: restarts, and TEM.
JPEG_BARE = {*range(0xD0, 0xD8), 0x01}
# Inside a scan, 0xFF is followed by 0x00 (a stuffed byte), a restart marker or a fill byte;
# any other byte after it is the marker that ends the scan.
JPEG_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
# JFIF's header: identifier, version, units, densities, then the size of a thumbnail of the
# picture, which must be 0 × 0 (a thumbnail may show what the picture was cropped from).
JFIF_HEADER_LENGTH = 14

# Header, palette, transparency, colour space and gamma, pixel size, and the frames of an
# animated PNG; not tEXt, zTXt, iTXt, eXIf, iCCP, tIME, nor any private chunk.
PNG_PIXEL_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"cICP",
    b"sBIT",
    b"bKGD",
    b"hIST",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
# Lossy and lossless pixels, transparency, the extended header and animation; not ICCP,
# EXIF, XMP nor any other chunk.
WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}


def carries_metadata(data: bytes) -> bool:
    """Whether ``data``, a PNG, JPEG or WebP file, carries more than its pixels and what a
    browser needs to show them (any other kind of file counts as carrying some)."""
    if not data:
        return False  # nothing at all, as a drawing's empty thumbnail
    if data.startswith(JPEG_START):
        return not _jpeg_is_plain(data)
    if data.startswith(PNG_SIGNATURE):
        return not _png_is_plain(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return not _webp_is_plain(data)
    return True


def _jpeg_is_plain(data: bytes) -> bool:
    at = len(JPEG_START)
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
        elif marker == JPEG_END:
            return at + 2 == len(data)  # nothing may follow the image
        elif marker in JPEG_BARE:
            at += 2
        else:
            if at + 4 > len(data):
                return False
            length = int.from_bytes(data[at + 2 : at + 4], "big")
            end = at + 2 + length
            if length < 2 or end > len(data):
                return False
            if not _plain_jpeg_segment(marker, data[at + 4 : end]):
                return False
            at = end
            if marker == JPEG_SCAN:
                scan_end = JPEG_SCAN_END.search(data, at)
                if scan_end is None:
                    return False
                at = scan_end.start()
    return False  # no end of image


def _plain_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker in JPEG_STRUCTURE:
        return True
    if marker == JPEG_APP0:
        return (
            len(payload) == JFIF_HEADER_LENGTH
            and payload.startswith(b"JFIF\x00")
            and payload[12:14] == b"\x00\x00"
        )
    return False


def _png_is_plain(data: bytes) -> bool:
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length  # length, type, data, CRC
        if at > len(data) or kind not in PNG_PIXEL_CHUNKS:
            return False
        if kind == b"IEND":
            return at == len(data)  # nothing may follow the image
    return False  # no end of image


def _webp_is_plain(data: bytes) -> bool:
    if int.from_bytes(data[4:8], "little") + 8 != len(data):
        return False  # bytes after the RIFF container, or a truncated one
    at = 12
    while at + 8 <= len(data):
        kind = data[at : at + 4]
        length = int.from_bytes(data[at + 4 : at + 8], "little")
        at += 8 + length + (length & 1)  # chunks are padded to an even length
        if at > len(data) or kind not in WEBP_PIXEL_CHUNKS:
            return False
    return at == len(data)
