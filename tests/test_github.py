"""The GitHub files are valid for GitHub, and use only actions that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
CHECK = Path(sys.executable).with_name("check-jsonschema")
# Official actions only, pinned by commit (a tag can be moved; a commit cannot).
KNOWN_ACTIONS = {
    "actions/checkout@f67ee5d6224ccd5af1909d53ea1faa5efb91db29",
    "actions/configure-pages@1465f012e6e7718cdf7bc61874e613e1e67ed84f",
    "actions/upload-pages-artifact@36a9e8110d5e6bc4960e73b701e9817194dc3db5",
    "actions/deploy-pages@d1e23d0efd9866b3e474883905cb86712868e97b",
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


def test_only_the_deploy_job_may_write_to_pages() -> None:
    import yaml

    workflow = yaml.safe_load((GITHUB / "workflows" / "publication.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["construction"]["permissions"] == {"contents": "read"}
    assert jobs["deploiement"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name in ("verification.yml", "publication.yml"):
        text = (GITHUB / "workflows" / name).read_text(encoding="utf-8")
        assert all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in re.findall(r"uses:\s*(\S+)", text)), name
