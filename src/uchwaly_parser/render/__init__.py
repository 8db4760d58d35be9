"""Renderers: the tree drawn or written out in other forms."""
