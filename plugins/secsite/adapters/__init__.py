"""Adapters: the thin outer layer that connects the domain to its users.

- ``mkdocs_plugin``: the MkDocs plugin (typed config, load in ``on_config``, generated files);
- ``macros``: pieces of the hand-written pages for mkdocs-macros;
- ``cli``: the ``secsite`` command (``check``, ``new``, ``schema``, ``export``), with ``scaffold``
  for ``new``; ``builddate``: the build date from ``SOURCE_DATE_EPOCH`` or the clock.

No domain logic lives here; nothing below this layer imports MkDocs.
"""
