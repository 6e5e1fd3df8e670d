"""Judging: a fact's values into variants, and disputed facts into findings."""
