"""``python -m anggaran`` runs the command line."""

from anggaran.cli import main

main()
