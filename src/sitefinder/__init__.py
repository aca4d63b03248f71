"""sitefinder: which sites of a clinical trial are nearest, are they open, and who runs them."""

__version__ = "0.1.0"
