"""The only code MkDocs runs of ours, for speed and tidiness: the site is right without it.

A generated page says ``brut: true`` in its front matter; its body (escaped HTML made by
``render/pages.py``) is set aside before Markdown and put back as the page's content, so
Python-Markdown does not parse thousands of HTML blocks it would leave unchanged anyway.

``iscg_memo`` lets ``docs/overrides/main.html`` render once the parts of the theme that
are the same on many pages: the theme's settings (they depend on the page's depth only) and
the navigation column of pages outside the menu (nothing in it is active, no table of
contents): thousands of pages, a handful of depths. Without the hook, the template renders
them page by page.

The theme's hidden checkboxes lose an ``autocomplete`` attribute HTML does not allow there.
Nothing the site promises (security policy, quick exit, emergency numbers, links) is made
here: ``site_check.py`` checks those on the built folder, whatever engine made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

_BODIES: dict[str, str] = {}
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off">')


def finish(page: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", page)


_PLACEHOLDER = "ISCG-CORPS-BRUT"


def on_env(env: Any, **kwargs: Any) -> Any:
    made: dict[Hashable, str] = {}  # one build's: a new environment each build

    def memo(key: Hashable, render: Callable[[], str]) -> str:
        if key not in made:
            made[key] = render()
        return made[key]

    env.globals["iscg_memo"] = memo
    return env


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if not page.meta.get("brut"):
        return markdown
    _BODIES[page.file.src_uri] = markdown
    return _PLACEHOLDER


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    body = _BODIES.pop(page.file.src_uri, None)
    return html if body is None else body


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    return finish(output)


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    return finish(output_content) if template_name.endswith(".html") else output_content
