"""`python -m prongsai.sample.web.make_registry [--out DIR]`: regenerate sample/registry/*.csv."""

from prongsai.sample.web.registry import main

if __name__ == "__main__":
    main()
