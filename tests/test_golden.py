"""The bundled archive builds to exactly the reviewed golden copy (`make golden` to update)."""

import difflib

from generator.archive.layout import BUILTIN_STATIC
from tests.golden import GOLDEN, build_bundled
from tests.helpers import site_files


def test_the_bundled_site_matches_the_golden_copy(tmp_path):
    built = site_files(build_bundled(tmp_path / "site"))
    static = {path: data for path, data in built.items() if path.startswith("static/")}
    assert static == {f"static/{p.name}": p.read_bytes() for p in BUILTIN_STATIC.iterdir()}
    built = {path: data for path, data in built.items() if not path.startswith("static/")}
    golden = site_files(GOLDEN)
    assert sorted(built) == sorted(golden)
    for path, data in golden.items():
        if built[path] != data:
            diff = difflib.unified_diff(
                data.decode().splitlines(), built[path].decode().splitlines(), "golden", "built", lineterm=""
            )
            raise AssertionError(f"{path} differs from the golden copy:\n" + "\n".join(list(diff)[:40]))
