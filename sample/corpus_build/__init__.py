"""Generator of the sample PDF corpus (sample/corpus/) and its gold facts.

Run by hand: `.venv/bin/python -m prongsai.sample.corpus_build`. Every document is one
definition (documents.py) that drives both the rendering and the gold JSON, so they cannot drift.
"""
