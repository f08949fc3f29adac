"""The grammar of a template text field, shipped as package data (walint.grammar)."""
