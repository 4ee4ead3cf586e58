#!/usr/bin/env python
"""Django's management commands on the web application (``python manage.py check
--deploy``); the same as ``anggaran manage``."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anggaran.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
