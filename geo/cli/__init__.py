"""The command line: translates arguments into library calls and errors into one-line messages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .. import build as build_mod
from ..app.reaper import STREAMLIT_TTL_S
from ..atomic import failure_text
from ..catalogue import DEFAULT_SEEDS, load_catalogue
from ..errors import DataError, GeoError
from ..export import FORMATS, export_layers, select_layers
from ..importers.limits import MAX_UPLOAD_MB
from ..layers import registry
from ..layers.files import read_layers
from . import figure_command, import_command, orbit_command, zones_command
from .arguments import non_empty_path
from .interrupt import sigterm_as_interrupt

APP_SERVER = Path(__file__).resolve().parent.parent / "app" / "server.py"


class _Parser(argparse.ArgumentParser):
    """argparse that ends with one line and exit 2 instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geo", description=__doc__)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seeds folder")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sub.add_parser("validate", help="check seeds/ and print every problem")

    build = sub.add_parser("build", help="write the GeoJSON layers")
    build.add_argument("--out", type=non_empty_path, default=build_mod.DEFAULT_LAYERS,
                       help="output folder, replaced as a whole (default: layers/)")

    export = sub.add_parser("export", help="export layers to another format")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--layer", action="append", choices=registry.NAMES,
                        help="a layer to export (repeat for several; default all)")
    export.add_argument("--layers-dir", type=Path, default=build_mod.DEFAULT_LAYERS,
                        help="where the built layers are")
    export.add_argument("-o", "--output", type=non_empty_path, required=True, help="file to write")
    import_command.add_parser(sub)
    zones = sub.add_parser("zones", help="danger areas from notice text")
    zones_sub = zones.add_subparsers(dest="zones_command", required=True, parser_class=_Parser)
    zones_command.add_parser(zones_sub)
    orbit_command.add_parser(sub, _Parser)
    figure_command.add_parser(sub)
    serve = sub.add_parser("serve", help="start the map explorer in the browser")
    serve.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--layers-dir", type=Path, default=build_mod.DEFAULT_LAYERS,
                       help="where the built layers are")
    return parser


def _validate(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.seeds)
    print(f"seeds OK: {catalogue.summary()}")
    return 0


def _build(args: argparse.Namespace) -> int:
    for path in build_mod.build(args.out, args.seeds):
        print(f"wrote {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    layers = select_layers(read_layers(args.layers_dir), args.layer)
    path = export_layers(layers, args.format, args.output)
    count = sum(len(features) for features in layers.values())
    print(f"wrote {path} ({args.format}, {len(layers)} layer(s), {count} features)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    read_layers(args.layers_dir)  # fail here, in one line, rather than in the browser
    if not 1 <= args.port <= 65535:
        raise GeoError(f"port {args.port} is not between 1 and 65535")
    os.environ["GEO_LAYERS_DIR"] = str(Path(args.layers_dir).resolve())
    command = serve_command(args.port, args.host)
    sys.stdout.flush()
    sys.stderr.flush()
    # This process becomes the server (no child left behind when it is killed, even by SIGKILL).
    os.execv(command[0], command)
    return 0  # not reached


def serve_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """The streamlit command line that serves the app offline, with the vendored assets."""
    return [sys.executable, "-m", "streamlit", "run", str(APP_SERVER),
            "--server.port", str(port), "--server.address", host,
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
            "--server.fileWatcherType", "none", "--theme.base", "light",
            "--server.maxUploadSize", str(MAX_UPLOAD_MB),
            "--server.disconnectedSessionTTL", str(STREAMLIT_TTL_S),
            "--client.toolbarMode", "viewer"]


COMMANDS = {"validate": _validate, "build": _build, "export": _export, "serve": _serve,
            "import": import_command.run, "zones": zones_command.run,
            "orbit": orbit_command.run, "figure": figure_command.run}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        with sigterm_as_interrupt():
            return COMMANDS[args.command](args)
    except DataError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except GeoError as exc:
        print(f"error: {failure_text(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        atomic = args.command in ("import", "export", "build", "figure")  # written whole or not at all
        print(f"interrupted; nothing was {'' if atomic else 'half-'}written", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{failure_text(exc)}", file=sys.stderr)
        return 1
