"""``copylint serve``: the editors' desk (local web page and JSON API)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import CopylintError
from .common import builtin_option, config_option, configure, fail, no_config_option, rules_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 or :: to let other machines in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0 picks a free one).")
@rules_option
@click.option("--style", "styles", multiple=True, metavar="NAME|PATH",
              help="House style offered first and used by default: a built-in pack or a pack "
                   "directory (repeatable: every one is offered; default: the config's style, "
                   "else newsroom).  The built-in styles are offered too.")
@builtin_option
@config_option
@no_config_option
@click.option("--max-request-size", "max_bytes", type=click.IntRange(1024), default=1024 * 1024,
              show_default=True, help="Largest request body accepted, in bytes (larger: 413).")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True,
              help="Open the page in the default web browser.")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(host: str, port: int, rule_dirs: tuple[Path, ...], styles: tuple[str, ...],
          builtin: bool | None, config_path: Path | None, no_config: bool, max_bytes: int,
          open_browser: bool, quiet: bool) -> None:
    """Run the editors' desk: a local web page and JSON API (Ctrl+C stops it).

    The configuration is found and applied as by `copylint check` (discovered
    from the current folder up, or --config, or none with --no-config)."""
    from ..server import StyleBook, make_server

    config = configure(config_path, no_config)
    try:
        book = StyleBook(rule_dirs, builtin=builtin, config=config, styles=styles)
        server = make_server(host, port, book, max_bytes, quiet)
    except CopylintError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"copylint desk: {server.url}  (Ctrl+C to stop)")
    where = f"configuration {_shown(config.path)}" if config.path else "no configuration file"
    click.echo(f"copylint desk: {where}; styles: {', '.join(book.names)} "
               f"(default {book.default})")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("copylint: note: listening beyond this machine; anyone who can reach "
                   "this address can use the desk", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("copylint desk: stopped")
    finally:
        server.server_close()


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
