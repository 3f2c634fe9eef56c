"""aetherlint: a linter and failure classifier for `.aether` workflow scripts."""

__version__ = "0.1.0"
