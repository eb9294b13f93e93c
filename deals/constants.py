"""The report's elements of a deal proposal ("Bepalen opzet deals"); the starting template."""

from django.utils.translation import gettext_noop as _

TEMPLATE_ELEMENTS = [
    ("doelstelling", _("Doelstelling"), _("Welk gezamenlijk doel streeft de deal na?"), True),
    (
        "samenstelling-partners",
        _("Samenstelling van de partners"),
        _("Wie doen er mee en waarom juist zij?"),
        True,
    ),
    (
        "inbedding-wijken",
        _("Inbedding in de wijk of wijken"),
        _("In welke wijken landt de deal, en hoe?"),
        True,
    ),
    ("haalbaarheid", _("Haalbaarheid"), _("Waarom kan dit lukken?"), True),
    ("risicoanalyse", _("Risicoanalyse"), _("Wat kan er misgaan en wat doet u dan?"), False),
    (
        "te-verwachten-resultaten",
        _("Te verwachten resultaten"),
        _("Wat is er straks anders?"),
        True,
    ),
    ("opschaalbaarheid", _("Opschaalbaarheid"), _("Kan dit ook in andere wijken?"), False),
]
