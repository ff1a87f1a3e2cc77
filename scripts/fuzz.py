"""`make fuzz`: thousands of random graphs, edit sequences and mangled files, counted.

The checks are those of tests/fuzz (the property tests run a few hundred of them in
`make test`); here each case is driven by its seed, so a failure is replayed with
`--only KIND --from SEED --count 1`. Prints one line of counts per kind; exit 1 if any
case broke a promise (an unexpected exception, a wrong value or a traceback).
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz.edits import fuzz_one_edit_sequence  # noqa: E402
from tests.fuzz.files import fuzz_one_file  # noqa: E402
from tests.fuzz.graphs import Unexpected, fuzz_one_graph  # noqa: E402


def run(kind: str, start: int, count: int, folder: Path) -> int:
    counts: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    began = time.perf_counter()
    for seed in range(start, start + count):
        try:
            if kind == "graphs":
                outcome = fuzz_one_graph(seed)
                counts["valid (built, ran train+eval, backward, values match)"
                       if outcome.valid else "invalid (diagnostic on a node)"] += 1
            elif kind == "edits":
                refused = fuzz_one_edit_sequence(seed)
                counts["sequences"] += 1
                counts["edits refused, nothing changed"] += refused
            else:
                code = fuzz_one_file(seed, folder)
                counts[f"exit {code}"] += 1
        except Unexpected as exc:
            counts["UNEXPECTED"] += 1
            failures.append(f"{kind} seed {seed}: {str(exc).splitlines()[0]}")
        except Exception as exc:  # noqa: BLE001 - counted and shown, not hidden
            counts["UNEXPECTED"] += 1
            failures.append(f"{kind} seed {seed}: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - began
    shown = ", ".join(f"{k}: {v:,}" for k, v in sorted(counts.items()))
    print(f"{kind}: {count:,} cases in {seconds:.0f} s — {shown}", flush=True)
    for line in failures[:20]:
        print("  " + line[:300])
    return counts["UNEXPECTED"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graphs", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=2_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--from", dest="start", type=int, default=0, help="first seed")
    parser.add_argument("--only", choices=("graphs", "edits", "files"))
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # implicit Softmax dims and the like
    bad = 0
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("graphs", "edits", "files"):
            if args.only in (None, kind):
                bad += run(kind, args.start, getattr(args, kind), Path(folder))
    print("unexpected: 0" if not bad else f"unexpected: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
