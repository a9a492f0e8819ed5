"""The one exception type the library raises for a user's mistake or a failed input."""


class AigraphError(Exception):
    """A failure with a one-line message that names the file, line, query or value at fault."""
