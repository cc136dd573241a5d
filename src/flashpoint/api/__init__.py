"""flashpoint's HTTP interface: a read-only-by-default REST API and the dashboard.

    from flashpoint.api import create_app
    app = create_app("flashpoint.duckdb")     # serve with uvicorn, or `flashpoint serve`
"""
from .app import create_app
from .db import Database
from .server import serve

__all__ = ["create_app", "Database", "serve"]
