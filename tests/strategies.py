"""Hypothesis strategies for valid posts: any value the model accepts, not only tidy ones."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from site_builder import model as m

# Line breaks other than \n are normalised by YAML itself; the data never holds them.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=60,
)
texts = st.one_of(_text, st.lists(_text, min_size=2, max_size=3).map("\n".join)).filter(lambda t: t.strip() != "")
identifiers = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
departements = st.sampled_from(["01", "2A", "2B", "25", "48", "59", "95", "971", "974", "976"])
communes = st.from_regex(r"(0[1-9]|2[AB]|[3-8][0-9]|97)[0-9]{3}", fullmatch=True)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
partial_dates = st.one_of(
    dates.map(date.isoformat), dates.map(lambda d: d.isoformat()[:7]), dates.map(lambda d: d.isoformat()[:4])
)
phones = st.one_of(
    st.from_regex(r"0[1-9]( [0-9]{2}){4}", fullmatch=True),
    st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True),
    st.from_regex(r"\+33 [1-9]( [0-9]{2}){4}", fullmatch=True),
    st.sampled_from(["3919", "119", "116006", "0590 12 34 56", "0262 12 34 56"]),
)
emails = st.from_regex(r"[a-z0-9._-]{1,10}@[a-z0-9-]{1,10}\.(fr|org|gouv\.fr)", fullmatch=True)
urls = st.from_regex(r"https://[a-z0-9-]{1,10}\.(fr|org)(/[a-z0-9-]{0,10})?", fullmatch=True)
# A real SIREN of an EPCI (Luhn key valid).
sirens = st.sampled_from(["242500361", "245901038", "200041960", "244800405"])


@st.composite
def plages(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, 23 * 60 + 58))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _optional(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.none() | strategy


horaires = st.builds(
    m.Horaire,
    jours=st.lists(st.sampled_from(list(m.Jour)), min_size=1, max_size=7, unique=True),
    plages=st.lists(plages(), max_size=3, unique=True),
    frequence=st.sampled_from(list(m.Frequence)),
    a_partir_du=_optional(dates),
    jusqu_au=_optional(dates),
    note=_optional(texts),
)
lieux = st.builds(
    m.Lieu,
    id=_optional(identifiers),
    nom=texts,
    type=st.sampled_from(list(m.TypeLieu)),
    commune=communes,
    adresse=_optional(texts),
    position=_optional(
        st.tuples(
            st.floats(-90, 90, allow_nan=False).map(lambda x: round(x, 5)),
            st.floats(-180, 180, allow_nan=False).map(lambda x: round(x, 5)),
        )
    ),
    identifiant_unite=_optional(texts),
)
permanences = st.builds(
    m.Permanence,
    lieu=lieux,
    acces=_optional(st.sampled_from(list(m.Acces))),
    horaires=_optional(st.lists(horaires, min_size=1, max_size=3)),
    note=_optional(texts),
)
postes = st.builds(
    m.Poste,
    id=identifiers,
    intitule=texts,
    type=st.sampled_from(list(m.TypePoste)),
    statut=st.sampled_from(list(m.Statut)),
    departement=departements,
    territoire=_optional(texts),
    couverture=_optional(
        st.builds(
            m.Couverture,
            departements=st.lists(departements, max_size=3, unique=True),
            epci=st.lists(sirens, max_size=2, unique=True),
            communes=st.lists(communes, max_size=3, unique=True),
        )
    ),
    depuis=_optional(partial_dates),
    temps_de_travail=_optional(
        st.builds(
            m.TempsDeTravail,
            etp=_optional(st.sampled_from([0.5, 0.8, 1.0, 1.5, 2.0])),
            heures_hebdomadaires=_optional(st.sampled_from([17.5, 24.0, 35.0, 39.0])),
        )
    ),
    structure=_optional(
        st.builds(
            m.Structure,
            nom=texts,
            type=st.sampled_from(list(m.TypeStructure)),
            adresse=_optional(texts),
            telephone=_optional(phones),
            courriel=_optional(emails),
            site_web=_optional(urls),
        )
    ),
    contact=_optional(
        st.builds(m.Contact, telephone=_optional(phones), courriel=_optional(emails), modalites=_optional(texts))
    ),
    permanences=st.lists(permanences, max_size=3),
    fermetures=st.lists(st.builds(m.Fermeture, du=dates, au=dates, motif=_optional(texts)), max_size=2),
    financement=_optional(
        st.builds(
            m.Financement,
            convention=_optional(st.builds(m.Convention, debut=_optional(partial_dates), fin=_optional(partial_dates))),
            budget_annuel=_optional(st.integers(0, 10**7)),
            financeurs=st.lists(
                st.builds(
                    m.Financeur, nom=texts, montant_annuel=_optional(st.integers(0, 10**6)), note=_optional(texts)
                ),
                max_size=3,
            ),
        )
    ),
    recrutement=_optional(
        st.builds(
            m.Recrutement,
            publication=_optional(dates),
            date_limite=_optional(dates),
            selection=_optional(partial_dates),
            contact=_optional(emails),
            lien=_optional(urls),
            note=_optional(texts),
        )
    ),
    sources=st.lists(texts, max_size=3),
    verifie_le=dates,
)
