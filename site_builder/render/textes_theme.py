"""The texts of the theme's own templates (docs/overrides), in every language, for the engine.

The engine renders ``main.html``, ``404.html`` and their partials with its own Jinja
environment, which knows nothing of our catalogs: the build hands it, in ``extra.iscg.langues``,
each language's texts already translated, and a page picks its language's (``page.meta.langue``,
French by default). The texts are marked here, so ``pybabel extract`` finds them; the finder's
partial, shared with the site's own pages, reads them the same way (``pages.py`` gives it ``t``).
"""

from __future__ import annotations

from functools import cache

from site_builder import i18n, settings
from site_builder.i18n import N_
from site_builder.render import reglages

TEXTES = {
    "site": N_("Intervenants sociaux en commissariat et gendarmerie"),
    "sortie": N_("Quitter ce site"),
    "sortie_aide": N_(" (ou Maj × 3)"),
    "accessibilite": N_("Accessibilité : %(statut)s"),
    "urgences_titre": N_("Numéros d'urgence, gratuits, jour et nuit"),
    "qui_appeler": N_("Qui appeler ?"),
    "sms": N_("SMS"),
    "langues": N_("Langue de la page"),
    "langue_de_la_page": N_("Langue de la page : %(langue)s (%(code)s)"),
    "en_francais": N_("%(page)s (en français)"),
    "seulement_francais": N_("Cette page n'existe qu'en français."),
    "accueil": N_("Accueil"),
    "proposer": N_("Ce site existe aussi en français."),
    "danger": N_(
        '<strong>En danger maintenant ?</strong> Appelez le <a href="tel:17">17</a> ou le '
        '<a href="tel:112">112</a>. Si vous ne pouvez pas parler, envoyez un SMS au '
        '<a href="sms:114">114</a>. Écoute anonyme et gratuite, jour et nuit : <a href="tel:3919">3919</a>.'
    ),
    "recherche_titre": N_("Qui peut m'aider près de chez moi ?"),
    "recherche_form": N_("Chercher par commune"),
    "recherche_champ": N_("Commune ou code postal"),
    "recherche_suggestions": N_("Communes proposées"),
    "recherche_autour": N_("Autour de moi"),
    "recherche_aide": N_(
        "Par exemple « Besançon », « st vit » ou « 25000 ». Ce que vous tapez et votre position restent "
        "sur votre appareil ; la carte ne se déplace que si vous le demandez."
    ),
    # Shown on the other languages' pages only: the gazetteer knows the communes' French names.
    "recherche_latin": N_("Écrivez le nom de la commune en français, en lettres latines : « Paris », « Marseille »."),
    "recherche_sans_js": N_(
        'La recherche par commune demande JavaScript : <a href="%(url)s">choisissez votre département dans la '
        "liste</a>."
    ),
    "introuvable_titre": N_("Cette page n'existe pas"),
    "introuvable": N_(
        'L\'adresse est peut-être mal écrite, ou la page a été déplacée. <a href="%(accueil)s">Revenir à '
        'l\'accueil</a> ou <a href="%(departements)s">choisir un département</a>.'
    ),
}

# The menu, in the order of mkdocs.yml's ``nav``: the section's address, its name, and whether
# it has pages in every language (the maintainers' pages stay French).
MENU = (
    ("", N_("Accueil"), True),
    ("departements/", N_("Départements"), True),
    ("recrutements/", N_("Recrutements"), False),
    ("statistiques/", N_("Statistiques"), False),
    ("donnees/", N_("Données"), False),
    ("contribuer/", N_("Contribuer"), False),
    ("securite/", N_("Sécurité"), True),
    ("a-propos/", N_("À propos"), True),
    ("accessibilite/", N_("Accessibilité"), False),
)


def _one() -> dict[str, object]:
    langue = i18n.courante()
    texts: dict[str, object] = {key: i18n.gettext(text) for key, text in TEXTES.items()}
    texts["accessibilite"] = i18n.gettext(TEXTES["accessibilite"]) % {
        "statut": i18n.gettext(settings.ACCESSIBILITY_STATUS)
    }
    texts["langue_de_la_page"] = i18n.gettext(TEXTES["langue_de_la_page"]) % {
        "langue": langue.nom,
        "code": langue.code.upper(),
    }
    menu = []
    for section, name, everywhere in MENU:
        label = i18n.gettext(name)
        if not everywhere and langue.code != i18n.SOURCE:
            label = i18n.gettext(TEXTES["en_francais"]) % {"page": label}
        menu.append({"url": (langue.prefixe if everywhere else "") + section, "titre": label, "fr": not everywhere})
    urgences = [
        {"href": n.href, "numero": n.affiche, "libelle": i18n.gettext(n.libelle), "sms": n.sms}
        for n in settings.EMERGENCY_NUMBERS
    ]
    return {
        **texts,
        "code": langue.code,
        "nom": langue.nom,
        "sens": langue.sens,
        "prefixe": langue.prefixe,
        "menu": menu,
        "urgences": urgences,
        "reglages": reglages.path(langue.code),
    }


@cache
def for_language(code: str) -> dict[str, object]:
    with i18n.langue(code):
        return _one()


def all_languages() -> dict[str, dict[str, object]]:
    """``extra.iscg.langues``: each language of the site, its texts, by code."""
    return {langue.code: for_language(langue.code) for langue in i18n.du_site()}
