"""A plain (non-editable) install carries the default theme."""

import os
import shutil
import subprocess
import sys

from tests.helpers import REPO, article, make_tree


def test_a_plain_install_builds_any_root(tmp_path):
    # Install from a copy of the project, so the build leaves nothing in the repository.
    source = tmp_path / "source"
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    target = tmp_path / "installed"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), str(source)],
        capture_output=True, text=True,
    )
    assert installed.returncode == 0, installed.stderr
    root = make_tree(tmp_path / "root", {"content/a.md": article("title: A\npublished: 2020")})
    env = {**os.environ, "PYTHONPATH": str(target)}
    ran = subprocess.run(
        [sys.executable, "-c", "import generator.search, generator.ingest, generator.serve.preview as p, sys; "
         "print(p.__file__); from generator.cli import main; sys.exit(main(['build', '--root', sys.argv[1]]))",
         str(root)],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert ran.returncode == 0, ran.stderr
    # The installed copy ran, subpackages included, not the repository's (an editable install's
    # finder would otherwise supply whatever the installed copy lacks).
    assert ran.stdout.startswith(str(target))
    assert (root / "site/static/style.css").is_file()
    assert "Published" in (root / "site/2020/a/index.html").read_text()
