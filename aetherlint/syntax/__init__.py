"""Syntax: text to a typed AST with positions (lexer, layout, LALR tables and driver, AST builder,
AST), plus dialect detection and the bracket analysis behind parse errors."""
