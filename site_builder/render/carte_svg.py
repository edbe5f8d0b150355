"""A map of France that needs nothing to be seen: an SVG drawn at build time from the
committed outlines, metropolitan départements with Corsica in place and the five overseas
départements as labelled insets on the left, each département a link named for screen readers
and coloured by whether posts are known there. It shows before any script runs, without
JavaScript and on paper.

Metropolitan France is drawn in a plain equirectangular projection scaled by the cosine of its
mean latitude (a map to choose one's département, not to measure); each inset has a scale of
its own, so each island reads at a size one can tap.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import shapely
from markupsafe import Markup, escape

from site_builder.i18n import gettext as _
from site_builder.i18n import ngettext
from site_builder.referentiels import Referentiels

INSETS = ("971", "972", "973", "974", "976")
WIDTH, HEIGHT = 1000, 860
INSET_BOX = 150  # each overseas département in a square of this side, on the left
INSET_GAP = 28  # room for its name under it
MAINLAND = (185, 10, WIDTH - 10, HEIGHT - 10)  # left, top, right, bottom of metropolitan France
TOLERANCE = 2.0  # in drawing units: under a pixel on a phone, about one on a desktop
MEAN_LATITUDE = 46.5


@dataclass(frozen=True)
class Frame:
    """Where a set of outlines lands: a scale and an offset, in drawing units."""

    scale: float
    left: float
    top: float
    west: float
    north: float
    cosine: float

    def project(self, coordinates: Any) -> Any:
        lon, lat = coordinates[:, 0], coordinates[:, 1]
        x = self.left + (lon - self.west) * self.cosine * self.scale
        y = self.top + (self.north - lat) * self.scale
        coordinates[:, 0], coordinates[:, 1] = x, y
        return coordinates


def _frame(shapes: list[Any], box: tuple[float, float, float, float], cosine: float) -> Frame:
    west, south, east, north = shapely.total_bounds(shapes)
    left, top, right, bottom = box
    scale = min((right - left) / ((east - west) * cosine), (bottom - top) / (north - south))
    width, height = (east - west) * cosine * scale, (north - south) * scale
    return Frame(scale, left + (right - left - width) / 2, top + (bottom - top - height) / 2, west, north, cosine)


def _path(shape: Any) -> str:
    """SVG path data of a projected (multi)polygon, in whole units."""
    parts = []
    for polygon in getattr(shape, "geoms", [shape]):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [(round(x), round(y)) for x, y in ring.coords]
            kept = [points[0]] + [p for previous, p in itertools.pairwise(points) if p != previous]
            if len(kept) < 4:
                continue
            parts.append("M" + " ".join(f"{x} {y}" for x, y in kept[:-1]) + "Z")
    return "".join(parts)


def _drawn(shape: Any, frame: Frame) -> str:
    projected = shapely.transform(shape, frame.project)
    return _path(projected.simplify(TOLERANCE, preserve_topology=True))


def _link(code: str, name: str, posts: int, root: str, path: str) -> str:
    label = ngettext(
        "%(nom)s (%(code)s) : %(num)d poste recensé", "%(nom)s (%(code)s) : %(num)d postes recensés", posts
    )
    label %= {"nom": name, "code": code, "num": posts}
    state = "avec" if posts else "sans"
    # The <title> child names the link for screen readers and shows as a tooltip on hover.
    return (
        f'<a href="{escape(root)}departements/{escape(code)}/"><title>{escape(label)}</title>'
        f'<path class="iscg-france__{state}" d="{path}"/></a>'
    )


def render(referentiels: Referentiels, counts: dict[str, int], root: str) -> Markup:
    """The map as inline SVG for a page at ``root`` (the way to its language's pages), in the
    current language; ``counts``: posts per département."""
    names = {code: d.nom for code, d in referentiels.departements.items()}
    mainland = [code for code in sorted(names) if code not in INSETS]
    cosine = math.cos(math.radians(MEAN_LATITUDE))
    frame = _frame([referentiels.outline(code) for code in mainland], MAINLAND, cosine)
    shapes = [
        _link(code, names[code], counts.get(code, 0), root, _drawn(referentiels.outline(code), frame))
        for code in mainland
    ]
    insets = []
    for index, code in enumerate(INSETS):
        top = 10 + index * (INSET_BOX + INSET_GAP)
        outline = referentiels.outline(code)
        lat = (outline.bounds[1] + outline.bounds[3]) / 2
        box = (10, top, 10 + INSET_BOX, top + INSET_BOX)
        inset = _frame([outline], (box[0] + 6, box[1] + 6, box[2] - 6, box[3] - 6), math.cos(math.radians(lat)))
        insets.append(
            f'<g class="iscg-france__encart"><rect x="{box[0]}" y="{box[1]}" width="{INSET_BOX}" height="{INSET_BOX}"/>'
            + _link(code, names[code], counts.get(code, 0), root, _drawn(outline, inset))
            + f'<text x="{box[0] + INSET_BOX / 2:g}" y="{box[3] + 22}">{escape(names[code])}</text></g>'
        )
    name = _("Carte des départements : choisissez le vôtre")
    return Markup(
        f'<svg class="iscg-france" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-label="{escape(name)}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(insets)
        + "".join(shapes)
        + "</svg>"
    )
