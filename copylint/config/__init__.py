"""Project configuration: reading ``.copylint.toml`` / ``pyproject.toml``
(``model``) and the starter file ``copylint init`` writes (``starter``).

``from copylint.config import Config, load_config`` is the public spelling;
modules of this package import from ``.model`` directly.
"""

from .model import CONFIG_NAMES, KEYS, PYPROJECT, Config, ConfigError, find_config, glob_spec, load_config

__all__ = ["CONFIG_NAMES", "KEYS", "PYPROJECT", "Config", "ConfigError", "find_config", "glob_spec",
           "load_config"]
