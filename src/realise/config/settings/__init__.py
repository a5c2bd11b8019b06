"""Django settings: ``base`` shared, ``local`` for a laptop, ``test`` for pytest, ``production``."""
