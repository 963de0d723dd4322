"""README.md tells the truth: every example command is re-run and its output compared.

The outputs were pasted by cog (`make readme`); `cog --check` fails when a command's output
no longer matches, or when a command fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_outputs_are_current() -> None:
    cog = Path(sys.executable).parent / "cog"
    proc = subprocess.run(
        [str(cog), "--check", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, (
        "README.md is out of date: run `make readme` and review the diff\n"
        + proc.stdout[-3000:]
        + proc.stderr[-3000:]
    )
