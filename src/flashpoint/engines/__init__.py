"""Other ways to run the same extraction: ``engines.dask`` spreads it over a Dask cluster."""
