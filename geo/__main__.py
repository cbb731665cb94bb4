"""python -m geo: the same as the geo command."""

import sys

from .cli import main

sys.exit(main())
