"""The methodology's version: which rules (bands, windows, grades) a night's figures were
computed under. Raise it whenever a change to compute/ or to the default settings can
change a published figure; every pinned night names it, so a figure cited years ago can
be read with the rules it was made by. Each version has a dated entry in the methodology
page's list of changes, in both languages."""

METHODOLOGY_VERSION = "13"
