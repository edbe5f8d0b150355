"""Lighthouse (mobile defaults) on four pages of the 500-post synthetic site, three runs each.

Run by hand (``make benchmark-lighthouse``): npm's ``lighthouse`` (installed then, not kept in
package.json: it is a measure, not a test) drives Debian's Chromium against a local server that
gzips text as GitHub Pages does. Map tiles are blocked: they are the only third-party requests,
and unreachable here. Their console errors are not counted in best practices: the score printed
for it is recomputed without the ``errors-in-console`` audit when tiles are its only cause.
Goals (issue 12): performance ≥ 98, accessibility, best practices and SEO 100 on every page.

Options (``python -m benchmarks.lighthouse --help``): ``--pages`` measures only some of the four
pages, ``--runs`` sets the number of runs, ``--reports DIR`` keeps each run's JSON report,
``--audits`` lists the audits that fail (score below 1) in each page's last run, and
``--no-build`` measures the site already built under ``benchmarks/out/site-lighthouse``.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from benchmarks.build import OUT, timed_build
from benchmarks.generate import generate

TILE_HOSTS = ("*data.geopf.fr*", "*tile.openstreetmap.org*")
RUNS = 3
GZIPPED = ("text/", "javascript", "json", "svg", "xml")


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped, cached for ten minutes, as GitHub Pages serves them."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body, kind = path.read_bytes(), self.guess_type(str(path))
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if any(t in kind for t in GZIPPED):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def _serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = lambda *a: _Gzipping(*a, directory=str(site))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


PAGES = ("accueil", "departement", "poste", "lieu")


def _lighthouse(tools: Path, url: str, keep: Path | None = None) -> tuple[dict[str, float], dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "rapport.json"
        command = [
            str(tools / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
            f"--output-path={report}", f"--chrome-path={shutil.which('chromium')}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            *(f"--blocked-url-patterns={pattern}" for pattern in TILE_HOSTS),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(report, keep)
    scores = {name: category["score"] * 100 for name, category in data["categories"].items()}
    console = data["audits"].get("errors-in-console", {})
    items = (console.get("details") or {}).get("items") or []
    if console.get("score") == 0 and all("ERR_BLOCKED_BY_CLIENT" in str(i) or "tile" in str(i) for i in items):
        refs = [r for r in data["categories"]["best-practices"]["auditRefs"] if r["id"] != "errors-in-console"]
        total = sum(r["weight"] for r in refs)
        kept = sum(r["weight"] * (data["audits"][r["id"]]["score"] or 0) for r in refs)
        scores["best-practices"] = 100 * kept / total
    return scores, data


SCORED = {"binary", "numeric", "metricSavings"}


def _failing(data: dict[str, Any]) -> list[str]:
    """The audits of a report that score below 1 (informative and manual ones left out)."""
    lines = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            score = audit.get("score")
            if score is None or score >= 1 or audit.get("scoreDisplayMode") not in SCORED:
                continue
            items = len((audit.get("details") or {}).get("items") or [])
            shown = audit.get("displayValue") or (f"{items} élément(s)" if items else "")
            lines.append(f"    {category['id']}: {ref['id']} ({score:.2f}) {shown}".rstrip())
    return lines


def _posts(site: Path) -> list[dict[str, object]]:
    catalogue = json.loads((site / "donnees" / "postes.json").read_text(encoding="utf-8"))
    posts: list[dict[str, object]] = catalogue["postes"]
    return posts


def _busiest_departement(posts: list[dict[str, object]]) -> str:
    by_code: dict[str, int] = {}
    for poste in posts:
        code = str(poste["departement"])
        by_code[code] = by_code.get(code, 0) + len(poste.get("permanences") or [])  # type: ignore[arg-type]
    return max(sorted(by_code), key=by_code.__getitem__)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help=f"pages to measure, among {','.join(PAGES)}")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page (default {RUNS})")
    parser.add_argument("--reports", type=Path, help="folder where each run's JSON report is kept")
    parser.add_argument("--audits", action="store_true", help="list the failing audits of each page's last run")
    parser.add_argument("--no-build", action="store_true", help="measure the site already built")
    arguments = parser.parse_args()
    arguments.pages = [name.strip() for name in arguments.pages.split(",") if name.strip()]
    unknown = sorted(set(arguments.pages) - set(PAGES))
    if unknown:
        parser.error(f"unknown pages: {', '.join(unknown)}")
    return arguments


def main() -> None:
    arguments = _arguments()
    tools = OUT / "lighthouse"
    tools.mkdir(parents=True, exist_ok=True)
    if not (tools / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(tools), "--no-save", "--no-audit", "--no-fund", "lighthouse@12"],
            check=True,
        )
    site = OUT / "site-lighthouse"
    if not (arguments.no_build and (site / "donnees" / "postes.json").exists()):
        timed_build(generate(500, OUT / "data-500"), site)
    site = site.resolve()
    posts = _posts(site)
    first = next(p for p in posts if p.get("permanences"))
    busiest = _busiest_departement(posts)
    pages = {
        "accueil": ("accueil", ""),
        "departement": (f"département {busiest}", f"departements/{busiest}/"),
        "poste": ("poste", f"postes/{first['id']}/"),
        "lieu": ("lieu", f"lieux/{first['permanences'][0]['lieu']['id']}/"),  # type: ignore[index]
    }
    server = _serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        for key in arguments.pages:
            label, address = pages[key]
            runs = []
            for number in range(arguments.runs):
                keep = arguments.reports / f"{key}-{number + 1}.json" if arguments.reports else None
                runs.append(_lighthouse(tools, base + address, keep))
            medians = {name: statistics.median(r[0][name] for r in runs) for name in runs[0][0]}
            shown = " / ".join(f"{name} {medians[name]:.0f}" for name in medians)
            print(f"{label:<18} ({address or '/'}) : {shown} (médianes de {arguments.runs})", flush=True)
            if arguments.audits:
                print("\n".join(_failing(runs[-1][1])) or "    (aucun audit en échec)", flush=True)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
