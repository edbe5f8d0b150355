"""The only code MkDocs runs of ours, for speed and tidiness: the site is right without it.

A generated page says ``brut: true`` in its front matter; its body (escaped HTML made by
``render/pages.py``) becomes the page's content as it is: no Markdown parser is built and run
for thousands of HTML blocks it would leave unchanged anyway.

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

from mkdocs.structure.toc import get_toc

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off">')


def finish(page: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", page)


def on_env(env: Any, **kwargs: Any) -> Any:
    made: dict[Hashable, str] = {}  # one build's: a new environment each build

    def memo(key: Hashable, render: Callable[[], str]) -> str:
        if key not in made:
            made[key] = render()
        return made[key]

    env.globals["iscg_memo"] = memo
    return env


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if page.meta.get("brut"):
        page.render = _as_it_is(page, markdown)  # this page only: its body is its content
    return markdown


def _as_it_is(page: Any, body: str) -> Callable[..., None]:
    """The page's ``render``, without Markdown: no parser built for a page it would not change."""

    def render(config: Any, files: Any) -> None:
        page.content = body
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}

    return render


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    return finish(output)


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    return finish(output_content) if template_name.endswith(".html") else output_content
