"""The exception types the library raises for a user's mistake or a failed input."""


class AigraphError(Exception):
    """A failure with a one-line message that names the file, line, query or value at fault."""


class BadOption(AigraphError):
    """An option value that cannot work: a usage error (exit 2) on the command line."""


class InputError(AigraphError):
    """An input file that cannot be read or parsed: exit 2 on the command line, from every command."""


class ListingError(AigraphError):
    """A one-line message followed by the lines it lists (such as a name's candidates, one a line)."""
