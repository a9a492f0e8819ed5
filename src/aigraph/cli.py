"""The `aigraph` command: a thin layer that parses options, calls the library, prints the answer.

Heavy libraries are imported inside the commands that need them, so `--help` stays instant.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AigraphError

FORMATS = ("table", "csv", "tsv", "json", "md")


def failures_as_messages(command):
    """Turn the library's errors into one-line click failures (exit 1)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AigraphError as error:
            raise click.ClickException(str(error)) from None
    return wrapper


def output_options(command):
    """--format and --lang, shared by every command that prints rows."""
    command = click.option("--lang", type=click.Choice(("en", "zh")), default="en", show_default=True,
                           help="Which label to return where a query offers both.")(command)
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                        help="Output format (default: table on a terminal, csv otherwise).")(command)


def graph_options(command):
    """--data, --asserted and --no-cache, shared by every command that reads the graph."""
    command = click.option("--no-cache", is_flag=True, help="Rebuild the graph; do not use or write the cache.")(command)
    command = click.option("--asserted", is_flag=True,
                           help="Query the asserted triples only, without the OWL RL closure.")(command)
    return click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                        help="Extra RDF file to load (any format rdflib reads, by extension). Repeatable.")(command)


def _format(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "csv")


def _open(ctx: click.Context, data=(), asserted=False, no_cache=False):
    from .api import Aigraph

    return Aigraph(ctx.obj["home"], data, asserted=asserted, use_cache=not no_cache)


def _emit(text: str) -> None:
    click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aigraph")
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="AIGRAPH_HOME",
              help="A folder with ontology/, shapes/, data/ and queries/ to use instead of the bundled ones.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """A SPARQL-queryable knowledge graph of China's AI governance.

    \b
    Examples:
      aigraph queries
      aigraph query standards-supporting-instrument -p instrument="GB 45438-2025"
      aigraph describe "GB 45438-2025"
    """
    ctx.obj = {"home": home}


@cli.command()
@click.option("--format", "fmt", type=click.Choice(("table", "json", "md")), default=None,
              help="Output format (default: table on a terminal, md otherwise).")
@click.pass_context
@failures_as_messages
def queries(ctx: click.Context, fmt: str | None) -> None:
    """List the stored queries: name, summary and parameters.

    \b
    Example:
      aigraph queries --format md
    """
    from . import catalog
    from .catalog_listing import listing

    home = _home(ctx)
    _emit(listing(catalog.load_all(home.queries), fmt or ("table" if sys.stdout.isatty() else "md")))


def _home(ctx: click.Context):
    from .home import find_home

    return find_home(ctx.obj["home"])


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"parameter {item[:60]!r} is not KEY=VALUE")
        parsed[key.strip()] = value
    return parsed


@cli.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value (IRI, CURIE, name or identifier for iri parameters). Repeatable.")
@output_options
@graph_options
@click.pass_context
@failures_as_messages
def query(ctx, name, params, fmt, lang, data, asserted, no_cache) -> None:
    """Run the stored query NAME (see `aigraph queries`).

    \b
    Example:
      aigraph query issuers-of-instrument -p instrument="Interim Measures for the Administration of Generative Artificial Intelligence Services"
    """
    from .output import answer

    values = _parse_params(params)
    result = _open(ctx, data, asserted, no_cache).run(name, values, lang)
    _emit(answer(result, _format(fmt)))


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--allow-service", is_flag=True, help="Permit SERVICE clauses (they reach the network).")
@output_options
@graph_options
@click.pass_context
@failures_as_messages
def sparql(ctx, text, file, allow_service, fmt, lang, data, asserted, no_cache) -> None:
    """Run an ad-hoc SELECT, ASK, CONSTRUCT or DESCRIBE query (project prefixes predeclared).

    \b
    Example:
      aigraph sparql 'SELECT ?s WHERE { ?s a aig:MandatoryNationalStandard }'
    """
    from .output import answer

    if (text is None) == (file is None):
        raise click.UsageError("give the query as an argument or with --file, not both")
    where = str(file) if file else "query"
    query_text = text if file is None else file.read_text(encoding="utf-8")
    result = _open(ctx, data, asserted, no_cache).execute(query_text, allow_service, where)
    _emit(answer(result, _format(fmt)))


@cli.command()
@click.argument("name")
@output_options
@graph_options
@click.pass_context
@failures_as_messages
def describe(ctx, name, fmt, lang, data, asserted, no_cache) -> None:
    """Every fact about one entity, both directions, with linked labels and identifiers.

    NAME is an IRI, a CURIE (aigd:authority/cac), a name, an identifier or an acronym.

    \b
    Example:
      aigraph describe "GB 45438-2025"
    """
    from .output import render

    _emit(render(_open(ctx, data, asserted, no_cache).describe(name, lang), _format(fmt)))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@graph_options
@click.pass_context
@failures_as_messages
def stats(ctx, as_json, data, asserted, no_cache) -> None:
    """Triples (asserted and inferred), entities per class, files loaded.

    \b
    Example:
      aigraph stats --data my-standards.ttl
    """
    from .namespaces import shorten

    figures = _open(ctx, data, asserted, no_cache).stats()
    if as_json:
        _emit(json.dumps(figures, indent=1) + "\n")
        return
    lines = ["triples:"] + [f"  {name:<10} {n:>8}" for name, n in figures["triples"].items()]
    lines += ["entities per class:"] + [f"  {shorten(c):<40} {n:>6}" for c, n in figures["classes"].items()]
    lines += ["files:"] + [f"  {f['role']:<9} {f['triples']:>7}  {f['path']}" for f in figures["files"]]
    _emit("\n".join(lines) + "\n")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 when a file is not canonical.")
@click.pass_context
@failures_as_messages
def fmt(ctx, paths, check) -> None:
    """Rewrite Turtle files in canonical form (default: every .ttl in ontology/, shapes/, data/).

    \b
    Examples:
      aigraph fmt
      aigraph fmt --check
    """
    from .sources import turtle_files
    from .turtle_format import rewrite, unformatted

    if not paths:
        home = _home(ctx)
        paths = [p for folder in (home.ontology, home.shapes, home.data) for p in turtle_files(folder)]
    if check:
        stale = unformatted(list(paths))
        if stale:
            raise click.ClickException("not in canonical form (run `aigraph fmt`): "
                                       + ", ".join(str(p) for p in stale))
        click.echo(f"{len(paths)} Turtle file(s) in canonical form")
        return
    changed = [p for p in paths if rewrite(p)]
    click.echo(f"reformatted {len(changed)} of {len(paths)} Turtle file(s)")


def main() -> None:
    """Console-script entry point."""
    cli()
