"""Gathering: articles into stories, and the claims of a story into facts."""
