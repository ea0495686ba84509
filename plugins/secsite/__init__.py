"""secsite: the static site generator behind the SEC release website."""
