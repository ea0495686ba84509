"""Views: what each page, download and feed shows, computed once per build from the schedule.

Plain data in the policy's vocabulary (wording of implementation dates, Party Category names, key
dates, the merged notice list, the change log); the renderers turn it into HTML, CSV, JSON,
iCalendar and RSS without deciding anything themselves. One module per kind of page; this package
re-exports their public names.
"""

from __future__ import annotations

from .changes import *  # noqa: F403
from .modifications import *  # noqa: F403
from .notices import *  # noqa: F403
from .parties import *  # noqa: F403
from .releases import *  # noqa: F403
from .words import *  # noqa: F403
