"""Anggaran: read, check and print the budgets (RKA Satker) of Indonesian government work units."""

__version__ = "0.1.0"
