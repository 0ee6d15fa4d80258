"""Offline tooling: the tiny test planner, its tokenizer and GGUF export, grammar probes."""
