"""What comes in before a document exists: finding and reading files
(``files``), following symbolic links safely (``symlinks``) and bounded
YAML/TOML loading (``safeload``)."""
