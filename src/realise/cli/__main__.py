"""`python -m realise.cli`: the same as the `realise` command."""

from realise.cli import main

main()
