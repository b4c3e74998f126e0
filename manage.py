#!/usr/bin/env python
"""Django's command-line utility for the iomcz site."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomcz.settings.dev")
    # The database timeouts protect web workers; a command (migrate, an import, an index build)
    # may run one statement for minutes, so it runs without them unless they are set.
    os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")
    os.environ.setdefault("DB_IDLE_IN_TRANSACTION_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
