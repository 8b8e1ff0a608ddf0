"""The regex layer: everything copylint knows about regular expressions,
for both rule families (copylint's kinds and Vale mode).

=================  ============================================================
``syntax``         reading a pattern (Python's parse tree, what it refuses)
``casefold``       where comparing lower-cased copies is exact (the one place
                   that decides whether case folding is safe)
``prefilter``      a cheap search every text with a match passes
``analysis``       the one analysis of a pattern: what every match contains
                   (with whole words), its line-start words, whether a match
                   can cross a paragraph; one walk, one result (``Facts``);
                   the literals every match starts with (``match_starts``)
``literals``       the analysis as the engine's triggers read it
``requirement``    the analysis as Vale mode's rule skipping reads it: the
                   strings every match contains, checked against a block
``shape``          can a pattern backtrack; can a match cross a paragraph
``screen``         relaxed RE2 patterns of many rules searched in one pass
``re2_exact``      a rule author's pattern run by RE2 when RE2 finds exactly
                   its matches (linear time, no timeout)
``lazy``           patterns compiled on first use (``LazyRegex``, ``LazyRe``)
``budget``         time budgets for what runs in ``regex`` (``BoundedRegex``);
                   a pattern tried only where its leading literals are
``anchored``       the engine's own patterns found from a literal anchor
``memo``           derived results remembered (and kept in the rule cache)
=================  ============================================================

Nothing here imports the engine, the checks' kinds or the rule model.
"""
