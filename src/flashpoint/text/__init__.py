"""Pure text parsers (no spaCy): number phrases (``numbers``) and date expressions
(``dates``). The pipeline stages map their character spans onto tokens."""
