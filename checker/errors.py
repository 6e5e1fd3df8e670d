"""Errors the command line turns into exit status 2 with a one-line message."""


class InputError(Exception):
    """Bad input: a missing path, no readable article, an unusable table."""


class RulesError(Exception):
    """A rules file that cannot be read or does not validate."""
