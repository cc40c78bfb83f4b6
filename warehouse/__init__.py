"""SQLAlchemy models, Alembic migrations, idempotent loaders and query helpers."""
