"""`python -m generator`: the same command line as `jawabdehi`, for a checkout not installed."""

from .cli import main

main(prog_name="jawabdehi")
