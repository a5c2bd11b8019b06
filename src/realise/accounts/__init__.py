"""People and roles: who may see and change what, per organisation."""
