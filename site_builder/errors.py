"""Former name of ``french_errors`` (pydantic's errors said in French), kept while callers move.

Import from ``site_builder.french_errors``; this module only re-exports it.
"""

from site_builder.french_errors import dotted, problems_from, translate

__all__ = ["dotted", "problems_from", "translate"]
