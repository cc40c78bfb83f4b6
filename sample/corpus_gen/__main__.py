"""Entry point: ``python -m prongsai.sample.corpus_gen [OUT_DIR]``."""

from prongsai.sample.corpus_gen.build import main

if __name__ == "__main__":
    raise SystemExit(main())
