"""Settings for a laptop and for ``realise demo``: debug on, a fixed development key."""

from realise.config.settings.base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
SECRET_KEY = "realise-local-development-only-not-secret"
