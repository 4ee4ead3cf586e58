"""The views: thin functions over ``anggaran.services``."""
