"""Settings for pytest: fast password hashing, same database selection as everywhere else."""

from realise.config.settings.base import *  # noqa: F403

SECRET_KEY = "realise-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost"]
