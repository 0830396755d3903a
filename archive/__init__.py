"""The SQLite archive: schema and migrations, writing, queries, exports and the CLI."""
