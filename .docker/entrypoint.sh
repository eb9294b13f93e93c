#!/bin/sh
# Entrypoint of the Reisgids image. For the web process (gunicorn) it first brings the
# database schema and the static files up to date; every other command runs as given.
set -eu

if [ "${1:-}" = "gunicorn" ]; then
    if [ "${DJANGO_MIGRATE_ON_START:-1}" = "1" ]; then
        python manage.py migrate --no-input
    fi
    python manage.py collectstatic --no-input --verbosity 0 --ignore font.css
fi

exec "$@"
