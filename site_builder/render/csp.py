"""The last touch on each HTML page the engine writes, applied as MkDocs hands it over.

Each page's Content-Security-Policy allows exactly its own inline scripts, by their SHA-256
(the theme's few inline scripts; JSON and JSON-LD blocks are data, not code, and need none);
and the theme's hidden checkboxes lose an ``autocomplete`` attribute HTML does not allow.
"""

from __future__ import annotations

import base64
import hashlib
import re

HASH_PLACEHOLDER = "__ISCG_SCRIPT_HASHES__"
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off">')
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def finish(page: str) -> str:
    page = _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", page)
    if HASH_PLACEHOLDER not in page:
        return page
    hashes = sorted({_digest(body) for body in _INLINE_SCRIPT.findall(page)})
    return page.replace(HASH_PLACEHOLDER, " ".join(hashes))
