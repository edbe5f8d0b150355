"""``iscg build`` on 500 and 5,000 synthetic posts: time, memory, site size, page weights.

Run by hand (``make benchmark``), built as published (with a public address: QR codes, JSON-LD;
every language), the 500-post build three times back to back as a maintainer rebuilding would.
Goals on a 2-core machine: 500 posts in every language in under 45 s, 5,000 in under 3 minutes;
each language's pages within 10 % of the French ones' weight; home page first visit under 250 KB
gzipped (tiles excluded) and unchanged with 5,000 posts but for the GeoJSON; a post page's HTML
under 40 KB.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.weight import first_visit
from site_builder.i18n import TRADUITES

OUT = Path(__file__).resolve().parent / "out"
ISCG = Path(sys.executable).with_name("iscg")
# As published: with a public address, posters carry QR codes and pages their full JSON-LD.
ENV = {**os.environ, "ISCG_SITE_URL": "https://exemple.org/carte-iscg/"}
RUNS = {500: 3, 5000: 1}


def timed_build(data: Path, site: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [str(ISCG), "build", "--data", str(data), "--site-dir", str(site)], capture_output=True, text=True, env=ENV
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(result.stdout[-3000:] + result.stderr[-3000:])
    return seconds


def main() -> None:
    for count, runs in RUNS.items():
        data = generate(count, OUT / f"data-{count}")
        site = OUT / f"site-{count}"
        times = [timed_build(data, site) for _ in range(runs)]
        seconds = statistics.median(times)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        files = sum(1 for f in site.rglob("*") if f.is_file())
        post_pages = [p.stat().st_size for p in (site / "postes").rglob("index.html")]
        home = first_visit(site)
        each = " ; ".join(f"{t:.1f}" for t in times)
        print(
            f"build {count:>5} postes : {seconds:6.1f} s (médiane de {runs} : {each}) ; mémoire de pointe "
            f"{peak:.0f} Mo ; site {size / 1e6:.1f} Mo en {files} fichiers"
        )
        print(
            f"  page de poste : HTML de {max(post_pages) / 1024:.1f} Ko au plus (médiane "
            f"{sorted(post_pages)[len(post_pages) // 2] / 1024:.1f} Ko)"
        )
        detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(home.items()) if k not in {"total_gzip", "brut"})
        print(
            f"  accueil, première visite : {home['total_gzip'] / 1024:.1f} Ko gzip ({detail} Ko ; "
            f"{home['brut'] / 1024:.0f} Ko bruts)"
        )
        whole = first_visit(site, whole_page=True)
        detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(whole.items()) if k not in {"total_gzip", "brut"})
        print(f"  accueil lue jusqu'en bas, carte comprise : {whole['total_gzip'] / 1024:.1f} Ko gzip ({detail} Ko)")
        if count == 500:  # each language's home page and a place page, against the French ones
            place = sorted(p.parent.name for p in (site / "lieux").glob("*/index.html"))[0]
            for address in ("", f"lieux/{place}/"):
                french = first_visit(site, address)["total_gzip"]
                others = {lg.code: first_visit(site, lg.prefixe + address)["total_gzip"] for lg in TRADUITES}
                shown = ", ".join(f"{code} {v / 1024:.1f} ({(v - french) / french:+.1%})" for code, v in others.items())
                print(f"  « /{address} », première visite : fr {french / 1024:.1f} Ko ; {shown}")


if __name__ == "__main__":
    main()
