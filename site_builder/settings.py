"""What the site promises everywhere, said once: the quick exit, the emergency numbers, the
freshness thresholds, the security policy, and the clock every date rule reads.

Templates receive these through the rendering environment, the scripts as data (a JSON
block or ``data-*`` attributes), the engine's theme through ``extra``: none of them writes
the values again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from site_builder.i18n import N_

# --- The clock ------------------------------------------------------------------------------

TIME_ZONE = ZoneInfo("Europe/Paris")


def today() -> date:
    """Today in France (mainland), whatever the machine's time zone."""
    return datetime.now(TIME_ZONE).date()


# --- Freshness ------------------------------------------------------------------------------

SIX_MONTHS_DAYS = 182
STALE_DAYS = 365  # information older than this is said to be old, on pages and in reports

# --- How complete the map is --------------------------------------------------------------


@dataclass(frozen=True)
class NationalCount:
    """The most recent official count of ISCG posts in France, and where it was said."""

    nombre: int
    au: str  # the date the count refers to, AAAA-MM-JJ
    source: str
    url: str | None = None


NATIONAL_COUNT = NationalCount(
    nombre=450,
    au="2023-04-19",
    source=(
        "Ministère de l'Intérieur, réponse à la question écrite n° 14074 de l'Assemblée nationale, "
        "Journal officiel du 26 décembre 2023"
    ),
)


# --- Nearby -------------------------------------------------------------------------------

NEARBY_KM = 80  # beyond, a place is no answer for someone looking for help near home
# Places across the sea are no answer either: Corsica and each overseas département keep to
# themselves; every other département is "metropole".
ZONES = {"2A": "corse", "2B": "corse", **{code: code for code in ("971", "972", "973", "974", "976")}}


def zone(departement: str) -> str:
    return ZONES.get(departement, "metropole")


# --- The quick exit -------------------------------------------------------------------------

EXIT_URL = "https://www.google.fr/"


# --- Emergency numbers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Numero:
    """An emergency number: what is dialled, how it is shown, what it is for."""

    numero: str  # what the link dials: tel:17, sms:114
    affiche: str  # as it is written: 116 006
    libelle: str  # what it is for, in a few words
    sms: bool = False

    @property
    def href(self) -> str:
        return ("sms:" if self.sms else "tel:") + self.numero


EMERGENCY_NUMBERS: tuple[Numero, ...] = (
    Numero("17", "17", N_("Police, gendarmerie")),
    Numero("112", "112", N_("Urgences")),
    Numero("114", "114", N_("par SMS, si parler est impossible"), sms=True),
    Numero("3919", "3919", N_("Violences femmes info")),
    Numero("119", "119", N_("Enfance en danger")),
    Numero("116006", "116 006", N_("Aide aux victimes")),
)

# --- The site engine ----------------------------------------------------------------------

# Which engine lays the pages out: MkDocs 1.6.1 by default, or ProperDocs 1.6.7, its community
# continuation (docs/MOTEURS.md). Both are pinned and tested; the built-site check judges both.
ENGINES = ("mkdocs", "properdocs")


def engine() -> str:
    """The engine chosen with ``ISCG_ENGINE`` (default ``mkdocs``); anything else is refused."""
    name = os.environ.get("ISCG_ENGINE", "mkdocs").strip() or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"ISCG_ENGINE : moteur « {name} » inconnu (attendu : {', '.join(ENGINES)})")
    return name


# --- Accessibility ------------------------------------------------------------------------

# The status the /accessibilite/ page declares (RGAA 4.1), shown in every page's footer.
ACCESSIBILITY_STATUS = N_("non conforme")


def engine_extra() -> dict[str, object]:
    """What the theme's templates read of the settings, handed to the engine as ``extra.iscg``."""
    from site_builder.render import textes_theme

    return {
        "langues": textes_theme.all_languages(),
        "sortie": EXIT_URL,
        "csp": content_security_policy(),
    }


# --- The repository where the data is kept ------------------------------------------------


def repository_url() -> str | None:
    """The public repository (issue forms, files), as the publishing workflow sets it in
    ``ISCG_REPO_URL``; None when unknown, and the pages then point at /contribuer/."""
    value = os.environ.get("ISCG_REPO_URL", "").strip().rstrip("/")
    return value or None


# --- Security policy ------------------------------------------------------------------------

TILE_HOSTS = ("https://data.geopf.fr", "https://tile.openstreetmap.org")


def content_security_policy() -> str:
    """The policy of every page: nothing but this site, and map tiles from their two hosts.

    Scripts come from this site's files only: no page has an inline script (the theme's own
    are files too, docs/overrides/partials/javascripts/), so there is no hash to compute."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: " + " ".join(TILE_HOSTS),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )
