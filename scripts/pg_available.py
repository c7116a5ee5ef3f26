"""Exit 0 when a PostgreSQL server answers at PGHOST:PGPORT (defaults 127.0.0.1:5432)."""

import os
import sys

import psycopg

try:
    psycopg.connect(
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER", "postgres"),
        password=os.environ.get("PGPASSWORD", ""),
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg.OperationalError as exc:
    print(f"PostgreSQL not reachable: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
