"""The finder: gazetteer weight, fetched only on first use, and keystroke-to-results time.

Run by hand (``make benchmark``) on the site of ``data/``. Goals: gazetteer under 400 KB
gzipped and not part of the home page's first visit; under 50 ms from keystroke to results.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.weight import ARGS, first_visit
from site_builder.serve import make_server

OUT = Path(__file__).resolve().parent / "out"
QUERIES = ["b", "be", "bes", "besa", "besan", "st", "st v", "st vit", "25", "250", "25000", "ecole val", "saint"]
MEASURE = """async (queries) => {
  const champ = document.getElementById("recherche-commune");
  await ISCGRecherche.charger();
  const times = [];
  for (let round = 0; round < 3; round += 1) {
    for (const q of queries) {
      const start = performance.now();
      champ.value = q;
      champ.dispatchEvent(new Event("input"));
      await new Promise((resolve) => setTimeout(resolve, 0));
      times.push(performance.now() - start);
    }
  }
  return times;
}"""


def main() -> None:
    site = OUT / "site-data"
    iscg = Path(sys.executable).with_name("iscg")
    subprocess.run([str(iscg), "build", "--site-dir", str(site)], check=True, capture_output=True)
    gazetteer = (site / "assets" / "iscg" / "communes.json").read_bytes()
    home = first_visit(site)
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    fetched: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=ARGS)
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        before = any(url.endswith("communes.json") for url in fetched)
        times = page.evaluate(MEASURE, QUERIES)
        browser.close()
    server.shutdown()
    packed = len(gzip.compress(gazetteer, 6)) / 1024
    print(
        f"répertoire des communes : {len(gazetteer) / 1024:.0f} Ko bruts, {packed:.0f} Ko gzip "
        f"(objectif < 400 Ko) ; chargé à la première visite : {'oui' if before else 'non'}"
    )
    print(
        f"frappe → suggestions ({len(times)} saisies) : médiane {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms (objectif < 50 ms)"
    )
    print(f"accueil, première visite (données réelles) : {home['total_gzip'] / 1024:.1f} Ko gzip")


if __name__ == "__main__":
    main()
