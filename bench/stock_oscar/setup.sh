#!/usr/bin/env bash
# Build the stock django-oscar reference site for the benchmark: its venv, its database, the same
# synthetic catalogue as Ptashka's (same seed), static files and the Whoosh index.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_stock bench/stock_oscar/setup.sh \
#       [--products 10000] [--categories 50] [--seed 1] [--manifest PATH]
#
# Generated things go under bench/var/stock_oscar/ (STOCK_OSCAR_VAR) and bench/.venv-stock/, both
# ignored by git. A database that already holds a bench catalogue is refilled (--replace).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
VENV="${STOCK_OSCAR_VENV:-$BENCH_DIR/.venv-stock}"
export STOCK_OSCAR_VAR="${STOCK_OSCAR_VAR:-$BENCH_DIR/var/stock_oscar}"
export MEDIA_ROOT="${MEDIA_ROOT:-$STOCK_OSCAR_VAR/media}"
export DJANGO_SETTINGS_MODULE=stock_oscar.settings
PRODUCTS=10000
CATEGORIES=50
SEED=1
MANIFEST="$STOCK_OSCAR_VAR/manifest.json"

while [ $# -gt 0 ]; do
    case "$1" in
        --products) PRODUCTS="$2"; shift 2 ;;
        --categories) CATEGORIES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --manifest) MANIFEST="$2"; shift 2 ;;
        *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
    esac
done
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:port/name for the stock Oscar site}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV"
    python3 -m venv "$VENV"
fi
# The same versions as Ptashka wherever the two share a package.
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    -r "$BENCH_DIR/stock_oscar/requirements.txt" -c "$ROOT/constraints.txt"

mkdir -p "$STOCK_OSCAR_VAR" "$MEDIA_ROOT"
cd "$BENCH_DIR"
PY="$VENV/bin/python"

"$PY" - <<'PY'
"""Create the database DATABASE_URL names if it is not there yet."""
import os
from urllib.parse import unquote, urlsplit

import psycopg2
from psycopg2 import sql

url = urlsplit(os.environ["DATABASE_URL"])
name = unquote(url.path.lstrip("/"))
server = psycopg2.connect(
    dbname="postgres", user=unquote(url.username or ""), password=unquote(url.password or ""),
    host=url.hostname or "", port=url.port or 5432,
)
server.autocommit = True
with server.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name}")
server.close()
PY

"$PY" stock_oscar/manage.py migrate --noinput -v0
"$PY" stock_oscar/manage.py collectstatic --noinput -v0
started=$(date +%s)
"$PY" catalogue.py --products "$PRODUCTS" --categories "$CATEGORIES" --seed "$SEED" \
    --media-root "$MEDIA_ROOT" --manifest "$MANIFEST" --replace
echo "catalogue: $(( $(date +%s) - started )) s"
started=$(date +%s)
"$PY" stock_oscar/manage.py rebuild_index --noinput -v0
echo "Whoosh index: $(( $(date +%s) - started )) s"
echo "stock Oscar ready: gunicorn --chdir $BENCH_DIR stock_oscar.wsgi (venv $VENV), manifest $MANIFEST"
