"""Settings for `make bench`: production's, served over plain HTTP on loopback.

Only what a benchmark on one machine needs differs from `config.settings.production`: static files
are collected under var/bench/ (not into the shared staticfiles/), and the HTTPS redirect and HSTS
are turned off through the environment by bench/directory_bench.py.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import VAR_DIR

STATIC_ROOT = VAR_DIR / "bench" / "static"
