"""`aigraph query NAME --help`: the help of one stored query, built from its catalog entry."""

from __future__ import annotations

import click

_HELP = ("-h", "--help")
_PLACEHOLDER = {"iri": "NAME", "string": "TEXT", "date": "2025-01-01", "integer": "10"}


def query_help(query, formatter: click.HelpFormatter) -> str:
    """Summary, description, parameters (type, class, required, default, doc), tags and examples."""
    required = [p for p in query.params if p.required]
    usage_params = " ".join(f"-p {p.name}={_example(p, query)}" for p in required)
    formatter.write_usage(f"aigraph query {query.name}", f"[OPTIONS] {usage_params}".rstrip())
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(query.summary)
        if query.description:
            formatter.write_paragraph()
            formatter.write_text(query.description)
    rows = []
    for p in query.params:
        facts = [p.type, "required" if p.required else "optional"]
        if p.cls:
            facts.append(f"a {p.cls}")
        if p.default is not None:
            facts.append(f"default {p.default}")
        rows.append((p.name, f"{', '.join(facts)}. {p.doc}"))
    if rows:
        with formatter.section("Parameters"):
            formatter.write_dl(rows)
    if query.tags:
        with formatter.section("Tags"):
            formatter.write_text(", ".join(query.tags))
    with formatter.section("Examples"):
        optional = [p for p in query.params if not p.required]
        lines = [f"aigraph query {query.name} {usage_params}".rstrip()]
        if optional:
            extra = " ".join(f"-p {p.name}={p.default or _example(p, query)}" for p in optional)
            lines.append(f"aigraph query {query.name} {usage_params} {extra} --format csv".replace("  ", " "))
        if query.uses_lang:
            lines.append(f"aigraph query {query.name} {usage_params} --lang zh".replace("  ", " "))
        formatter.write_text("\b\n" + "\n".join(lines))
    with formatter.section("Options"):
        formatter.write_text("Those of `aigraph query --help`: --format, --wide, --columns, --lang, --data, "
                             "--asserted, --endpoint, ...")
    return formatter.getvalue()


def _example(param, query) -> str:
    """A value to show: a placeholder by type; the second date of a query is the range's end."""
    dates = [p.name for p in query.params if p.type == "date"]
    if param.type == "date" and dates.index(param.name) == 1:
        return "2025-12-31"
    return _PLACEHOLDER.get(param.type, "VALUE")


class StoredQueryCommand(click.Command):
    """The `query` command: `--help` after a query's name prints that query's help."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and any(a in _HELP for a in args[1:]):
            click.echo(self._stored_help(ctx, args[0]), nl=False, color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)

    @staticmethod
    def _stored_help(ctx: click.Context, name: str) -> str:
        from aigraph.errors import AigraphError
        from aigraph.home import find_home
        from aigraph.queries import catalog

        root = ctx.find_root()
        try:
            query = catalog.load(find_home((root.obj or {}).get("home")).queries, name)
        except AigraphError as error:
            raise click.ClickException(str(error)) from None
        return query_help(query, ctx.make_formatter())
