"""Run every benchmark in this folder; each prints `NAME ratio=X goal=Y` lines. Not part of `make test`."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name != "run.py" and not script.name.startswith("_"):  # _scratch.py is a helper
            failed |= subprocess.run([sys.executable, str(script)], check=False).returncode
    sys.exit(failed)
