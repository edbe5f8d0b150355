"""The GitHub files are valid for GitHub, and use only actions that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
CHECK = Path(sys.executable).with_name("check-jsonschema")
# Official actions, at major versions GitHub publishes.
KNOWN_ACTIONS = {
    "actions/checkout@v4",
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
}


def _check(schema: str, files: list[Path]) -> None:
    result = subprocess.run(
        [str(CHECK), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_are_valid() -> None:
    workflows = sorted((GITHUB / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} == {"verification.yml", "publication.yml"}
    _check("vendor.github-workflows", workflows)


def test_issue_forms_are_valid() -> None:
    forms = [GITHUB / "ISSUE_TEMPLATE" / "nouveau-poste.yml", GITHUB / "ISSUE_TEMPLATE" / "correction.yml"]
    _check("vendor.github-issue-forms", forms)
    _check("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"])


def test_workflows_use_only_known_actions() -> None:
    used = set()
    for workflow in (GITHUB / "workflows").glob("*.yml"):
        used |= set(re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8")))
    assert used and used <= KNOWN_ACTIONS, used - KNOWN_ACTIONS


def test_pull_requests_are_validated_as_github_annotations() -> None:
    text = (GITHUB / "workflows" / "verification.yml").read_text(encoding="utf-8")
    assert "pull_request" in text and "iscg validate --format github" in text and "make test" in text
    publication = (GITHUB / "workflows" / "publication.yml").read_text(encoding="utf-8")
    assert "schedule" in publication and "ISCG_SITE_URL" in publication


def test_contributing_guide_walks_through_the_web_interface() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for step in ("crayon", "Commit changes", "Create pull request", "Files changed", "verifie_le"):
        assert step in text
