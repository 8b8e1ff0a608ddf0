"""copylint's version, in a module of its own: modules that print it import
this leaf, not the package (whose __init__ imports the whole public API)."""

__version__ = "0.1.0"
