"""Demo and scale data for `manage.py demo`: a believable nursery group for trying Tandem, and
any number of generated settings for benchmarks (bench/). Seed data only: it writes rows with
the ORM directly, never through services, and it must never be run against real data."""

DEMO_PASSWORD = "tandem-demo"  # noqa: S105 - a published demo password, documented in README.md
