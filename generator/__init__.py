"""Jawabdehi: collect -> store -> metrics -> pages -> site."""
