"""Sub-commands of the `realise` CLI. Each is a thin wrapper over the library."""
