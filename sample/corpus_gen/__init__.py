"""Generator of the sample PDF corpus (sample/corpus/): Thai local organizations' anti-corruption
plans, ITA analyses and integrity-measure documents, each PDF with a gold JSON from one definition.

Run with ``python -m prongsai.sample.corpus_gen`` (needs LibreOffice, poppler and fonts-thai-tlwg).
"""
