"""Prefect flows and the command line: the only place that wires spiders, extract and warehouse."""
