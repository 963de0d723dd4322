"""Run the README's example commands for cog, so every pasted output in README.md is real.

``make readme`` (``cog -r README.md``) rewrites the outputs; the test suite runs
``cog --check`` so a README that no longer matches what the commands print fails CI.
Commands run in a scratch folder holding a copy of ``examples/``, with the project's
virtualenv first on PATH and a fixed terminal width, so the output does not depend on where
or how the README is regenerated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SANDBOX: Path | None = None


def sandbox() -> Path:
    """The scratch folder, made fresh once per cog run."""
    global _SANDBOX
    if _SANDBOX is None:
        _SANDBOX = Path(tempfile.mkdtemp(prefix="foi-kg-readme-"))
        shutil.copytree(ROOT / "examples", _SANDBOX / "examples")
    return _SANDBOX


def env() -> dict[str, str]:
    out = dict(os.environ)
    venv_bin = ROOT / ".venv" / "bin"
    out["PATH"] = f"{venv_bin}{os.pathsep}{out.get('PATH', '')}"
    out.update(COLUMNS="100", LINES="50", NO_COLOR="1", TERM="dumb", PYTHONHASHSEED="0")
    out.pop("FOI_KG_STORE", None)
    out.pop("FORCE_COLOR", None)
    return out


def run(command: str, *, check: bool = True, head: int | None = None) -> str:
    """Run ``command`` in the sandbox and return it as a console block with its output."""
    proc = subprocess.run(
        f"({command}) 2>&1",
        shell=True,
        cwd=sandbox(),
        env=env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"README command failed ({proc.returncode}): {command}\n{proc.stdout}")
    text = proc.stdout.rstrip()
    text = text.replace(str(sandbox()), ".")
    lines = [line.rstrip() for line in text.splitlines()]
    if head is not None and len(lines) > head:
        lines = lines[:head] + ["..."]
    return "```console\n$ " + command + "\n" + "\n".join(lines) + "\n```"


def emit(command: str, **kwargs: object) -> None:
    import cog

    cog.outl(run(command, **kwargs))  # type: ignore[arg-type]
