"""The `aigraph` command: a thin layer that parses options, calls the library, prints the answer.

Heavy libraries are imported inside the commands that need them, so `--help` stays instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from aigraph import __version__
from aigraph.cli.options import (
    UnreadableInput,
    access_options,
    endpoint_options,
    failures_as_messages,
    graph_options,
    http_client,
    output_options,
)
from aigraph.cli.query_help import StoredQueryCommand
from aigraph.errors import AigraphError
from aigraph.registry import EXPORT_FORMATS, REPORT_FORMATS, ROW_FORMATS, STORE_KINDS


def _format(fmt: str | None) -> str:
    from aigraph.registry import default_row_format

    return fmt or default_row_format()


def _open(ctx: click.Context, data=(), asserted=False, no_cache=False, remote=None, fmt=None):
    from aigraph.api import Aigraph
    from aigraph.queries.worker import MAX_ROWS, TABLE_ROWS

    if remote is not None and (data or asserted):
        raise click.UsageError("--data and --asserted apply to the local graph, not to --endpoint")
    max_rows = ctx.meta.get("aigraph.max_rows") or (TABLE_ROWS if fmt == "table" else MAX_ROWS)
    return Aigraph(ctx.obj["home"], data, asserted=asserted, use_cache=not no_cache, endpoint=remote,
                   timeout=ctx.meta.get("aigraph.timeout"), max_rows=max_rows)


def _emit(text: str) -> None:
    """Print the text; on a terminal, through the pager when it is taller than the screen."""
    from aigraph import registry

    if registry.on_terminal() and text.count("\n") >= _terminal_lines():
        click.echo_via_pager(text)
    else:
        click.echo(text, nl=False)


def _terminal_lines() -> int:
    import shutil  # loads zlib, bz2 and lzma: only for output to a terminal

    return shutil.get_terminal_size().lines


@click.group(name="aigraph", context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS.names()), default=None,
              help="Output format (default: table on a terminal, csv otherwise); "
                   "json is the queries' whole metadata.")
@click.pass_context
@failures_as_messages
def queries(ctx: click.Context, fmt: str | None) -> None:
    """List the stored queries: name, summary and parameters.

    \b
    Example:
      aigraph queries --format md
    """
    from aigraph.queries import catalog
    from aigraph.render.catalog_listing import listing

    home = _home(ctx)
    _emit(listing(catalog.load_all(home.queries), _format(fmt)))


def _home(ctx: click.Context):
    from aigraph.home import find_home

    return find_home(ctx.obj["home"])


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"parameter {item[:60]!r} is not KEY=VALUE")
        parsed[key.strip()] = value
    return parsed


@cli.command(cls=StoredQueryCommand)
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter value (IRI, CURIE, name or identifier for iri parameters). Repeatable.")
@click.option("--no-notes", is_flag=True,
              help="Leave out the notes column (the editorial notes on each row's entities).")
@click.option("--why", is_flag=True,
              help="Add a why column: the deck's words, and their section, behind each row's facts.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="At most N rows, in the query's order (with --offset: one page of a large answer).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Skip the first N rows.")
@output_options
@graph_options
@endpoint_options
@click.pass_context
@failures_as_messages
def query(ctx, name, params, no_notes, why, limit, offset, fmt, layout, lang, data, asserted, no_cache,
          remote) -> None:
    """Run the stored query NAME (see `aigraph queries`; `aigraph query NAME --help` describes it).

    \b
    Example:
      aigraph query issuers-of-instrument -p instrument="Interim Measures for the Administration of Generative Artificial Intelligence Services"
    """
    from aigraph.render.output import answer

    values = _parse_params(params)
    result = _open(ctx, data, asserted, no_cache, remote, _format(fmt)).run(
        name, values, lang, on_resolve=_announce, notes=not no_notes, why=why, limit=limit, offset=offset)
    _emit(answer(result, fmt, layout))


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--allow-service", is_flag=True, help="Permit SERVICE clauses (they reach the network).")
@output_options
@graph_options
@endpoint_options
@click.pass_context
@failures_as_messages
def sparql(ctx, text, file, allow_service, fmt, layout, lang, data, asserted, no_cache, remote) -> None:
    """Run an ad-hoc SELECT, ASK, CONSTRUCT or DESCRIBE query (project prefixes predeclared).

    \b
    Example:
      aigraph sparql 'SELECT ?s WHERE { ?s a aig:MandatoryNationalStandard }'
    """
    from aigraph.build.input_limits import read_utf8
    from aigraph.render.output import answer

    if text is None and file is None:
        raise click.UsageError("no query: give it as an argument or with --file FILE")
    if text is not None and file is not None:
        raise click.UsageError("give the query as an argument or with --file, not both")
    where = str(file) if file else "query"
    query_text = text if file is None else read_utf8(file)
    result = _open(ctx, data, asserted, no_cache, remote, _format(fmt)).execute(query_text, allow_service, where)
    _emit(answer(result, fmt, layout))


@cli.command()
@click.argument("name")
@click.option("--all", "show_all", is_flag=True,
              help="Keep the inferred facts that repeat an asserted one (the inverse, a superproperty, a superclass).")
@output_options
@graph_options
@endpoint_options
@click.pass_context
@failures_as_messages
def describe(ctx, name, show_all, fmt, layout, lang, data, asserted, no_cache, remote) -> None:
    """Every fact about one entity, both directions, with linked labels and identifiers.

    NAME is an IRI, a CURIE (aigd:authority/cac), a name, an identifier or an acronym. On a
    terminal the facts are grouped (identity, dates, relations, sources, notes) under the entity's
    name; `←` marks a fact stated on the other entity.

    \b
    Example:
      aigraph describe "GB 45438-2025"
    """
    from aigraph.render import describe_view
    from aigraph.render.output import render

    graph = _open(ctx, data, asserted, no_cache, remote, _format(fmt))
    entity = graph.resolve(name, None, "describe")
    _announce(entity, "describe")
    table = graph.describe(entity.iri, lang)
    if not show_all:
        table = describe_view.fold(table)
    chosen = fmt or _format(None)
    if chosen in ("table", "record") and not layout.columns:
        _emit(describe_view.text(entity.node, table, layout))
    else:
        _emit(render(table, chosen, layout))


def _announce(match, what: str) -> None:
    """Say on stderr what a name resolved to: "→ CAC, Cyberspace Administration of China (authority)"."""
    from aigraph.render.safe_text import terminal

    if match.how not in ("iri", "sparql"):
        where = what.removeprefix("parameter ") + ": " if what.startswith("parameter ") else ""
        close = f", the closest name to {match.text[:60]!r}" if match.how == "fuzzy" else ""
        click.echo(terminal(f"→ {where}{match.summary()}{close}"), err=True)


@cli.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Hits to show, best first.")
@output_options
@graph_options
@click.pass_context
@failures_as_messages
def search(ctx, text, limit, fmt, layout, lang, data, asserted, no_cache) -> None:
    """Ranked full-text search: names, titles, identifiers, acronyms, notes, in English and Chinese.

    Every word must match (in any order); "quoted words" match as a phrase. Each hit shows its
    class, label, CURIE, the matched text and its deck section; the total count goes to stderr.
    On an --endpoint, use `aigraph query search -p text=...` instead.

    \b
    Examples:
      aigraph search "labeling measures"
      aigraph search 生成式 --limit 5
    """
    from aigraph.render.found import hits_table
    from aigraph.render.output import answer
    from aigraph.render.safe_text import terminal

    if not text.strip():
        raise click.UsageError("search: give a text to look for")
    result = _open(ctx, data, asserted, no_cache, None, _format(fmt)).search(text, limit, lang)
    _emit(answer(hits_table(result), fmt, layout))
    click.echo(terminal(f"{len(result.hits)} of {result.total} match(es) for {text[:60]!r}"), err=True)


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
    from aigraph.render.stats import text

    figures = _open(ctx, data, asserted, no_cache).stats()
    _emit(json.dumps(figures, indent=1) + "\n" if as_json else text(figures))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 when a file is not canonical.")
@click.pass_context
@failures_as_messages
def fmt(ctx, paths, check) -> None:
    """Rewrite Turtle files in canonical form (default: every .ttl in ontology/, shapes/, data/ of
    --home, else of the aigraph checkout you stand in, else of the bundled home; it says which).

    \b
    Examples:
      aigraph fmt
      aigraph fmt --check
    """
    from aigraph.build.sources import turtle_files
    from aigraph.build.turtle_format import rewrite, unformatted

    where = ""
    if not paths:
        home, kind = _fmt_home(ctx)
        where = f" in {kind} {home.root}"
        paths = [p for folder in (home.ontology, home.shapes, home.data) for p in turtle_files(folder)]
    if check:
        stale = unformatted(list(paths))
        if stale:
            raise click.ClickException("not in canonical form (run `aigraph fmt`): "
                                       + ", ".join(str(p) for p in stale))
        click.echo(f"{len(paths)} Turtle file(s){where} in canonical form")
        return
    changed = [p for p in paths if rewrite(p)]
    click.echo(f"reformatted {len(changed)} of {len(paths)} Turtle file(s){where}")


def _fmt_home(ctx: click.Context):
    """The home `fmt` works on, and what it is: --home/AIGRAPH_HOME, the checkout around the
    current directory, or the bundled home."""
    import os

    from aigraph.home import checkout_around

    if ctx.obj["home"] or os.environ.get("AIGRAPH_HOME"):
        return _home(ctx), "home"
    checkout = checkout_around(Path.cwd())
    return (checkout, "checkout") if checkout else (_home(ctx), "bundled home")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS.names()), default=None,
              help="RDF syntax (default: from the -o file's extension, else turtle). "
                   "trig and nq keep the named graphs apart; the others merge them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file, atomically (default: standard output).")
@graph_options
@click.pass_context
@failures_as_messages
def export(ctx, fmt, output, data, asserted, no_cache) -> None:
    """Write the graph as RDF: ontology, data, dataset description and (default) the closure.

    \b
    Examples:
      aigraph export -o aigraph.ttl
      aigraph export --format trig --asserted -o aigraph.trig
    """
    from aigraph.export import EXTENSIONS, format_for, write

    if fmt is None and output is not None and output.suffix.lower() not in EXTENSIONS:
        raise click.UsageError(f"-o {output}: no RDF format goes by {output.suffix or 'a name without an extension'!r}; "
                               f"give --format ({', '.join(EXPORT_FORMATS.names())})")
    content = _open(ctx, data, asserted, no_cache).export(fmt or format_for(output))
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        write(output, content)


@cli.command()
@click.option("--store", "gsp", metavar="URL",
              help="The store's Graph Store Protocol URL, as is (e.g. http://127.0.0.1:7878/store).")
@click.option("--kind", type=click.Choice(STORE_KINDS.names()), help="Derive the store's URLs from --base (and --dataset).")
@click.option("--base", metavar="URL", help="With --kind: the store's base URL (e.g. http://127.0.0.1:3030).")
@click.option("--dataset", metavar="NAME", help="With --kind fuseki or graphdb: the dataset or repository.")
@click.option("--endpoint", metavar="URL", help="SPARQL query URL, to verify the load (default: derived).")
@click.option("--update", "update_url", metavar="URL",
              help="SPARQL Update URL, to swap the loaded graph in atomically (default: derived).")
@click.option("--graph", metavar="IRI", help="Load into this named graph (default: the store's default graph).")
@click.option("--replace/--append", default=True, help="Replace the target graph's triples (default) or add to them.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=None,
              help="Triples per request (default: all in one to a store that applies a request whole, "
                   "such as Oxigraph; 50,000 through a temporary graph to others).")
@access_options
@graph_options
@click.pass_context
@failures_as_messages
def load(ctx, gsp, kind, base, dataset, endpoint, update_url, graph, replace, chunk_size,
         timeout, user, password_env, data, asserted, no_cache) -> None:
    """Load the graph into a triple store (SPARQL 1.1 Graph Store Protocol) and verify its count.

    A --replace that fails part-way leaves the target graph as it was.

    \b
    Examples:
      aigraph load --store http://127.0.0.1:7878/store
      aigraph load --kind fuseki --base http://127.0.0.1:3030 --dataset aigraph --graph https://w3id.org/aigraph/graph/all
      aigraph load --kind graphdb --base http://127.0.0.1:7200 --dataset aigraph --user admin --password-env GRAPHDB_PASSWORD
    """
    from aigraph.stores.store_load import store_urls

    if gsp is None and kind is None:
        raise click.UsageError("no store: give --store URL (its Graph Store Protocol URL), or --kind with --base")
    client = http_client(timeout, user, password_env)
    urls = store_urls(gsp, kind, base, dataset, endpoint, update_url)
    report = _open(ctx, data, asserted, no_cache).load(urls, client, graph, replace, chunk_size,
                                                       _progress_bar("loading"))
    click.echo(report.summary())


def _progress_bar(label: str):
    """A progress callback drawing a bar on standard error when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    bars: list[Any] = []  # click's ProgressBar, made on the first step

    def step(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr))
        bars[0].update(done - bars[0].pos)
        if done >= total:
            bars[0].render_finish()
    return step


@cli.command()
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS.names()), default="text",
              show_default=True, help="Report format; turtle is the standard SHACL validation report.")
@graph_options
@click.pass_context
def validate(ctx, fmt, data, asserted, no_cache) -> None:
    """Check the graph and your --data files: SHACL shapes, OWL consistency, integrity checks.

    Exits 0 when everything conforms, 1 when something does not (one line per violation: label,
    IRI, property, message, file), 2 when an input cannot be read. The report on unchanged
    inputs (data, shapes, checks) is read back from the cache; --no-cache validates afresh.

    \b
    Example:
      aigraph validate --data my-standards.ttl
    """
    from aigraph.render.validation_output import render

    try:
        report = _open(ctx, data, asserted, no_cache).validate()
    except AigraphError as error:
        raise UnreadableInput(str(error)) from None
    _emit(render(report, fmt))
    if not report.conforms:
        ctx.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than 127.0.0.1 exposes the server beyond this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped and answered with 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) a query may return; more are cut off.")
@click.option("--workers", type=click.IntRange(min=1, max=32), default=2, show_default=True,
              help="Query worker processes, each holding the graph.")
@graph_options
@click.pass_context
@failures_as_messages
def serve(ctx, host, port, timeout, max_rows, workers, data, asserted, no_cache) -> None:
    """Serve the graph over HTTP: SPARQL endpoint, stored-query API, entity pages.

    Read-only: updates and SERVICE clauses are refused. Stop it with Ctrl-C.

    \b
    Example:
      aigraph serve --port 8000
    """
    try:
        from aigraph.serve.app import Settings, run
    except ImportError as error:
        raise click.ClickException(f"serve needs the web libraries: pip install 'aigraph[serve]' ({error})") from None

    home = ctx.obj["home"]
    run(Settings(home=None if home is None else str(home), data=tuple(str(p) for p in data), asserted=asserted,
                 use_cache=not no_cache, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers),
        announce=lambda message: click.echo(f"aigraph: {message}", err=True))


def main() -> None:
    """Console-script entry point: Ctrl-C stops at once, with exit code 130."""
    from aigraph.cli.interrupt import run

    run(cli)
