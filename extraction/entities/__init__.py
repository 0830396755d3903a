"""Who met whom: people with ranks, appointments, countries, places and organisations in a release.

    >>> from extraction.entities import extract_mentions
    >>> [m.normalized for m in extract_mentions("Chinese Ambassador called on the COAS at GHQ.")]
    ['China', 'Ambassador', 'Chief of Army Staff', 'General Headquarters, Rawalpindi']

Gazetteers and word lists are data files in `data/`; `VERSION` changes whenever they or the rules do,
so an archive enriched by an older version is enriched again.
"""

from extraction.entities.gazetteer import data_digest
from extraction.entities.mentions import Mention, extract_mentions
from extraction.entities.people import normalize_name

# Bump when the rules in the code change; the data files' digest is appended automatically.
RULES_VERSION = 1
VERSION = f"{RULES_VERSION}.{data_digest()}"

__all__ = ["VERSION", "Mention", "extract_mentions", "normalize_name"]
