"""The check on a Dask cluster: the same stages, run per partition of articles and of stories."""
