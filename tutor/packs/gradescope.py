"""``tutor pack export-gradescope``: an autograder bundle for Gradescope.

Gradescope runs ``setup.sh`` once per image and ``run_autograder`` once per
submission in its own container, so a class of hundreds is graded without a
home-made grading farm. The bundle carries the pack and the tutor's own source
(no PyPI release needed); results.json is `tutor check --format gradescope`,
always with ``--isolation strict`` (docs/authoring.md, "Trust model").
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import tutor
from tutor.course import Pack

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope image setup: Python, then the tutor's dependencies (CPU torch is enough).
set -euo pipefail
apt-get update && apt-get install -y python3 python3-pip python3-venv
python3 -m pip install --upgrade pip
python3 -m pip install torch torchvision --index-url https://download.pytorch.org/whl/cpu
python3 -m pip install numpy pytest platformdirs watchfiles
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# One submission: copy it into a fresh workspace, grade everything, write results.json.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
export PYTHONPATH="$SOURCE/tutor_src${PYTHONPATH:+:$PYTHONPATH}"
export TUTOR_HOME="$(mktemp -d)"
PYTHON="${PYTHON:-python3}"
WORKSPACE="$(mktemp -d)/workspace"
mkdir -p "$ROOT/results"
# Strict isolation: the submission runs as an unprivileged uid that must not read the
# pack (solutions, checks) or the results; the tutor's own source stays readable.
chmod -R go-rwx "$SOURCE/pack" "$ROOT/results"
"$PYTHON" -m tutor init "$WORKSPACE" --pack "$SOURCE/pack" >/dev/null
"$PYTHON" -m tutor.packs.submission "$ROOT/submission" "$WORKSPACE"
"$PYTHON" -m tutor check all --workspace "$WORKSPACE" --device cpu --jobs 1 \\
    --isolation strict --format gradescope --output "$ROOT/results/results.json"
status=$?
if [ ! -s "$ROOT/results/results.json" ]; then
  echo '{"score": 0, "output": "the autograder failed to run; see the log", "tests": []}' \\
    > "$ROOT/results/results.json"
fi
exit 0  # a low score is not an autograder failure (status was $status)
"""


PACK_PARTS = ("lessons", "exercises", "solutions", "tests/checks")


def _add_tree(bundle: zipfile.ZipFile, folder: Path, prefix: str,
              skip: tuple[str, ...] = ()) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if ("__pycache__" in path.parts or path.suffix == ".pyc" or not path.is_file()
                or (relative.parts and relative.parts[0] in skip)):
            continue
        bundle.write(path, f"{prefix}/{relative.as_posix()}")


def _add_script(bundle: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFREG | 0o755) << 16
    bundle.writestr(info, text)


def export_gradescope(pack: Pack, output: Path) -> Path:
    """Write the autograder zip: setup.sh, run_autograder, pack/, tutor_src/tutor/."""
    tutor_package = Path(tutor.__file__).resolve().parent
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bundle:
        _add_script(bundle, "setup.sh", SETUP_SH)
        _add_script(bundle, "run_autograder", RUN_AUTOGRADER)
        bundle.write(pack.manifest_path, "pack/pack.toml")
        # Only the pack's own parts: a checkout's root also holds the app and its tests.
        for part in PACK_PARTS:
            if (pack.root / part).is_dir():
                _add_tree(bundle, pack.root / part, f"pack/{part}")
        _add_tree(bundle, tutor_package, "tutor_src/tutor", skip=("_course",))
    return output
