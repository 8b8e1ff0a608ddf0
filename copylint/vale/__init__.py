"""Vale compatibility: read .vale.ini, translate Vale styles into copylint
rules (a rule set, :mod:`.rules`), and Vale's comment, switch and placement
policy; linting, fixing, ``--jobs`` and every output format are copylint's."""
