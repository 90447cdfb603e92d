"""scripts/check_import_cycles.py: the package has no import cycles, and a planted one (even a lazy import) is caught."""
import subprocess
import sys
from pathlib import Path

TRAINER_ROOT = Path(__file__).resolve().parents[1]
CHECKER = TRAINER_ROOT / "scripts" / "check_import_cycles.py"


def check(*packages: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *map(str, packages)], capture_output=True, text=True,
                          timeout=60)


def write_package(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / sorted(files)[0].split("/")[0]


def test_the_trainer_package_has_no_import_cycle():
    result = check()  # default: libs/trainer/clinrank_trainer
    assert result.returncode == 0, result.stderr
    assert "no import cycles among" in result.stdout


def test_a_cycle_through_a_function_level_import_is_reported_with_its_lines(tmp_path):
    package = write_package(tmp_path, {
        "planted/__init__.py": "",
        "planted/a.py": "import os\n\nfrom planted.b import helper\n",
        "planted/b.py": "def helper():\n    from . import a\n    return a\n",
        "planted/c.py": "from planted import a\n",  # depends on the cycle without being part of it
    })
    result = check(package)
    assert result.returncode == 1
    assert "planted.a -> planted.b -> planted.a" in result.stderr
    assert "planted/a.py:3: planted.a imports planted.b" in result.stderr
    assert "planted/b.py:2: planted.b imports planted.a" in result.stderr
    assert "planted.c" not in result.stderr
    assert "1 import cycle(s) found" in result.stderr


def test_subpackages_absolute_and_parent_imports_resolve_without_false_cycles(tmp_path):
    package = write_package(tmp_path, {
        "tree/__init__.py": "from tree.leaf import value\n",  # the package imports its module: not a cycle
        "tree/leaf.py": "import tree\nvalue = 1\n",
        "tree/sub/__init__.py": "",
        "tree/sub/deep.py": "import tree.sub.other\nfrom .. import leaf\n",
        "tree/sub/other.py": "from ..sub import deep\n",
    })
    result = check(package)
    assert result.returncode == 1
    assert "tree.sub.deep -> tree.sub.other -> tree.sub.deep" in result.stderr
    assert "tree/sub/deep.py:1: tree.sub.deep imports tree.sub.other" in result.stderr
    assert "tree.leaf" not in result.stderr and "1 import cycle(s) found" in result.stderr


def test_a_directory_without_init_is_refused(tmp_path):
    result = check(tmp_path)
    assert result.returncode == 2
    assert "is not a package" in result.stderr
