"""The SEC release policy as computable rules (policy-rules.md R1-R27).

Pure functions of dates: nothing here reads the clock, the data files or the
site configuration. Every rule lives in exactly one function of this package.
Each module lists its public names in ``__all__``; this package re-exports them.
"""

from __future__ import annotations

from .dates import *  # noqa: F403
from .dates import __all__ as _dates
from .implementation import *  # noqa: F403
from .implementation import __all__ as _implementation
from .releases import *  # noqa: F403
from .releases import __all__ as _releases
from .workdays import *  # noqa: F403
from .workdays import __all__ as _workdays

__all__ = [*_workdays, *_dates, *_releases, *_implementation]
