"""The pre-commit hook, run by the real pre-commit: `try-repo` on a repository holding a bad template
fails and prints the code; holding a good one it passes.

pre-commit installs the hook into its own environment with pip (walint and its dependencies from the
package index), so this is the slowest test of the suite: once per run, then cached in PRE_COMMIT_HOME.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOOD = (REPO / "examples" / "good" / "order_update.yaml").read_text(encoding="utf-8")
BAD = GOOD.replace("{{1}}", "{1}", 1)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=_git_env()).stdout


def _git_env() -> dict[str, str]:
    names = {"GIT_AUTHOR_NAME": "walint tests", "GIT_AUTHOR_EMAIL": "tests@walint.invalid"}
    names |= {"GIT_COMMITTER_NAME": names["GIT_AUTHOR_NAME"], "GIT_COMMITTER_EMAIL": names["GIT_AUTHOR_EMAIL"]}
    return {**os.environ, **names}


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding this checkout's tracked files as they are now (edits included), so
    try-repo sees the hook definition and the code under test, not an older commit."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of walint")
    copy = tmp_path_factory.mktemp("walint-hook")
    for name in git("ls-files", "-z", cwd=REPO).split("\0"):
        if name and (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "walint under test", cwd=copy)
    return copy


def try_repo(hook_repo: Path, project: Path, home: Path) -> subprocess.CompletedProcess:
    git("add", "-A", cwd=project)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "walint", "--all-files", "--color", "never"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**_git_env(), "PRE_COMMIT_HOME": str(home)},
        timeout=900,
    )


def test_pre_commit_hook_fails_on_a_bad_template_and_passes_on_a_good_one(hook_repo: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    git("init", "-q", cwd=project)
    (project / "templates" / "order_update.yaml").write_text(BAD, encoding="utf-8")
    # YAML that is not a template, and a hidden file: the hook passes over both
    (project / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    (project / ".walint.yaml").write_text("ignore: [WA102]\n", encoding="utf-8")

    failed = try_repo(hook_repo, project, tmp_path / "home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "templates/order_update.yaml:" in failed.stdout and "WA401" in failed.stdout
    assert "docker-compose.yml" not in failed.stdout and ".walint.yaml:" not in failed.stdout

    (project / "templates" / "order_update.yaml").write_text(GOOD, encoding="utf-8")
    passed = try_repo(hook_repo, project, tmp_path / "home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "walint" in passed.stdout and "Passed" in passed.stdout
