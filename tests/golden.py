"""The golden copy of the bundled site. Regenerate after an intended change: `make golden`."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.build import Options, build

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "bundled"
EPOCH = "1767225600"  # the same fixed clock as the tests


def build_bundled(output: Path) -> Path:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    build(Options(root=REPO, output=output), environ)
    return output


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        built = build_bundled(Path(tmp) / "site")
        shutil.rmtree(GOLDEN, ignore_errors=True)
        # The theme's static files are copied as they are; the golden copy keeps only generated files.
        shutil.copytree(built, GOLDEN, ignore=lambda folder, names: ["static"] if Path(folder) == built else [])
    print(f"wrote {sum(1 for p in GOLDEN.rglob('*') if p.is_file())} files to {GOLDEN.relative_to(REPO)}")


if __name__ == "__main__":
    regenerate()
