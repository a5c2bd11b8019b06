"""Settings for pytest: fast password hashing, same database selection as everywhere else."""

from realise.config.settings.base import *  # noqa: F403

SECRET_KEY = "realise-tests-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost"]

# Test databases on a shared PostgreSQL server get a name of their own for each run, so two runs
# (two developers, CI beside a session) never create, use or drop each other's database.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    import uuid

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{uuid.uuid4().hex[:10]}"  # noqa: F405
    }

# N+1 queries are errors in tests: django-zeal watches every request (pages and API alike) and
# raises where a loop loads related rows one at a time (ADR 0020).
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]  # noqa: F405
ZEAL_RAISE = True
ZEAL_SHOW_ALL_CALLERS = True
