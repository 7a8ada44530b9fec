"""Print the dependencies declared in pyproject.toml, plus the named optional extras.

`make` installs them with pip -r, so the project itself is never built as a package.
Usage: python scripts/requirements.py [EXTRA ...]
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
