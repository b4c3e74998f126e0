#!/usr/bin/env bash
# The deploy steps of an app server, in order: install the pinned requirements, compile the
# translations, collect the static files, migrate, and check the production settings.
# Run from anywhere as the site's user, after updating the code:
#     deploy/deploy.sh              # reads /etc/iomcz/env when it exists (ENV_FILE= to skip)
#     deploy/deploy.sh --no-install # the virtualenv is already up to date
# Then restart the app servers (systemctl restart 'iomcz@*').
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE="${ENV_FILE-/etc/iomcz/env}"
if [ -n "$ENV_FILE" ] && [ -r "$ENV_FILE" ]; then
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
fi
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-iomcz.settings.prod}"
PYTHON="${PYTHON:-.venv/bin/python}"

if [ "${1:-}" != "--no-install" ]; then
    "$PYTHON" -m pip install -q -r requirements.txt
fi
# Without compiled catalogues the site would serve English on /cs/ and /uk/; it refuses to start.
"$PYTHON" manage.py compilemessages --ignore=.venv -v 0
"$PYTHON" manage.py collectstatic --no-input -v 0
# A migration may take longer than the statement timeout that protects the readers' requests.
DB_STATEMENT_TIMEOUT=0 DB_IDLE_IN_TRANSACTION_TIMEOUT=0 "$PYTHON" manage.py migrate --no-input -v 0
"$PYTHON" manage.py check --deploy --fail-level ERROR
