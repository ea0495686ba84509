"""History: every schedule fact with the day it became known, and the schedule as it stood on any day.

- ``timeline``: a value that changes over time, read with ``at(day)``;
- ``releases``: a release's plans (go-live and type), cancellation, no-go, and its dates as they stood;
- ``modifications``: a modification's moves between releases (R8–R11, R14);
- ``schedule``: the snapshot on the build date, and the generated notices with the facts of their day;
- ``events``: calendar events over time (SEQUENCE, tombstones);
- ``changes``: the dated change log for readers.
"""
