"""Jawabdehi: a public scorecard of Indian government social-media handles.

The package is laid out by the data flow: collect -> store -> compute -> render -> publish.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jawabdehi")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
