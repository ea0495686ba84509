"""History: every schedule fact with the day it became known, and the schedule as it stood on any day.

- ``timeline``: a value that changes over time, read with ``at(day)``;
- ``releases``: a release's plans (go-live and type), cancellation and dates as they stood;
- ``modifications``: a modification's moves between releases (R8–R11, R14).

``secsite.schedule`` puts them together into the schedule as of the build date.
"""
