"""The options several `aigraph` commands share, as decorators, and the errors they turn into messages."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from aigraph.errors import AigraphError, BadOption, InputError, ListingError
from aigraph.registry import ROW_FORMATS
from aigraph.render.safe_text import terminal


class UnreadableInput(click.ClickException):
    """An input that cannot be read: exit 2, as for a bad invocation."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(terminal(message))  # a file's name may carry escapes too


def failures_as_messages(command):
    """Turn the library's errors into one-line click failures (exit 1)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BadOption as error:
            raise click.UsageError(terminal(str(error))) from None
        except InputError as error:  # an input that cannot be read: exit 2, as from validate
            raise UnreadableInput(str(error)) from None
        except ListingError as error:  # the message, then what it lists: each line made safe
            raise click.ClickException("\n".join(terminal(line) for line in str(error).split("\n"))) from None
        except AigraphError as error:
            raise click.ClickException(terminal(str(error))) from None
    return wrapper


def output_options(command):
    """--format, --wide, --columns and --lang, shared by every command that prints rows; the command
    receives `fmt` (None: the default for where the output goes), `layout` and `lang`."""
    @functools.wraps(command)
    def wrapper(*args, wide, columns, **kwargs):
        from aigraph.render.terminal import Layout

        chosen = tuple(name.strip().lstrip("?") for name in columns.split(",") if name.strip()) if columns else ()
        return command(*args, layout=Layout(wide=wide, columns=chosen), **kwargs)

    wrapper = click.option("--columns", metavar="A,B,...",
                           help="Show these columns only, in this order (IRI columns too).")(wrapper)
    wrapper = click.option("--wide", is_flag=True,
                           help="Tables: every column (IRI columns too), cells unwrapped.")(wrapper)
    wrapper = click.option("--lang", type=click.Choice(("en", "zh")), default="en", show_default=True,
                           help="Which label to return where a query offers both.")(wrapper)
    return click.option("--format", "fmt", type=click.Choice(ROW_FORMATS.names()), default=None,
                        help="Output format (default: table on a terminal, record for a single row, "
                             "csv otherwise).")(wrapper)


def graph_options(command):
    """--data, --asserted and --no-cache, shared by every command that reads the graph."""
    command = click.option("--no-cache", is_flag=True,
                           help="Rebuild the graph; do not use or write the cache.")(command)
    command = click.option("--asserted/--with-inferred", default=False,
                           help="Use the asserted triples only, or with the OWL RL closure (default).")(command)
    return click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                        help="Extra RDF file to load (Turtle, N-Triples, N-Quads, TriG, N3, RDF/XML or "
                             "JSON-LD, by extension). Repeatable.")(command)


def access_options(command, timeout_help: str = "Seconds to wait for the store to answer (the whole request)."):
    """--timeout, --user and --password-env, shared by every command that talks to a store."""
    command = click.option("--password-env", metavar="VAR",
                           help="Read the password from this environment variable (with --user).")(command)
    command = click.option("--user", metavar="NAME", help="User name for HTTP Basic authentication.")(command)
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
                        show_default=True, help=timeout_help)(command)


def endpoint_options(command):
    """--endpoint and --graph (with the access options): query a remote store instead."""
    @functools.wraps(command)
    def wrapper(*args, endpoint, graph, timeout, user, password_env, max_rows, **kwargs):
        if endpoint is None and (graph or user or password_env):
            raise click.UsageError("--graph, --user and --password-env need --endpoint")
        remote = None if endpoint is None else _remote(endpoint, graph, http_client(timeout, user, password_env))
        meta = click.get_current_context().meta
        meta["aigraph.timeout"] = timeout  # the local query's limit too
        meta["aigraph.max_rows"] = max_rows
        return command(*args, remote=remote, **kwargs)

    wrapper = click.option("--max-rows", type=click.IntRange(min=1), metavar="N",
                           help="Rows an answer may hold in memory before it is refused (default: 10,000 "
                                "for --format table, else 500,000).")(wrapper)
    wrapper = access_options(wrapper, "Seconds the query may run, locally or on --endpoint's store.")
    wrapper = click.option("--graph", metavar="IRI",
                           help="With --endpoint: the named graph holding the triples "
                                "(default: the store's default graph).")(wrapper)
    return click.option("--endpoint", metavar="URL",
                        help="Ask this SPARQL 1.1 query endpoint instead of the local graph.")(wrapper)


def http_client(timeout: float, user: str | None, password_env: str | None):
    """The HTTP client for a store, with Basic credentials when --user is given."""
    import os

    from aigraph.stores.http_client import Client, Credentials

    if (user is None) != (password_env is None):
        raise click.UsageError("--user and --password-env go together")
    credentials = None
    if user is not None and password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise click.UsageError(f"--password-env: environment variable {password_env} is not set")
        credentials = Credentials(user, password)
    return Client(timeout=timeout, credentials=credentials)


def _remote(endpoint: str, graph: str | None, client):
    from aigraph.stores.http_client import check_url
    from aigraph.stores.remote import RemoteGraph, check_iri

    try:
        return RemoteGraph(check_url(endpoint, "--endpoint"), client,
                           None if graph is None else check_iri(graph))
    except BadOption as error:
        raise click.UsageError(str(error)) from None
