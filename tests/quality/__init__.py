"""Quality gates on the built site (a package, so its conftest does not shadow tests/conftest.py)."""
