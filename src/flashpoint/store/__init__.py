"""flashpoint's event store: an embedded DuckDB database of documents, mentions
(every extracted event with its provenance), fused events, actors, places and alerts.

Modules: ``connection`` (open, lock, migrate), ``rows`` (records <-> rows), ``ingest``
(the ingest service), ``fusion`` / ``fuse_store`` / ``merge`` (cross-document fusion),
``signals``, ``alerts``, ``exports``, ``queries``; ``Store`` ties them together.
"""
from .connection import connect, migrate
from .core import Store, default_path
from .ingest import IngestSummary

__all__ = ["Store", "IngestSummary", "connect", "migrate", "default_path"]
