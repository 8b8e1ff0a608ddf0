"""Vale compatibility: read .vale.ini, load Vale styles as copylint rules,
lint the way Vale does and print Vale's line format."""
