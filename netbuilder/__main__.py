"""`python -m netbuilder` runs the same command line as `netbuilder`."""

from __future__ import annotations

import sys

from netbuilder.cli import main

sys.exit(main())
