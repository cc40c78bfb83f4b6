"""A seeded randomized corpus: each document drawn from a distribution over named layout axes.

`python -m prongsai.sample.corpus_build.randomized --seeds 100001-100300 --out DIR` writes
DIR/NAME.pdf and DIR/NAME.gold.json; the gold names every axis value drawn (`axes`) and the
`seed`, so a score can be broken down by axis (sample/gold.py `score_by_axis`).
"""
