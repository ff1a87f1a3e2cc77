"""Property tests: random graphs, random edit sequences, mangled files (see the modules
beside this one for what must hold). A failure prints the random state that found it."""

from __future__ import annotations

import random
import tempfile
import warnings
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from netbuilder.core.project import load_project
from tests.fuzz.edits import EXAMPLES, check_edit_sequence
from tests.fuzz.files import check_file, mangle
from tests.fuzz.graphs import check_graph, random_graph

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


@given(st.randoms(use_true_random=False))
def test_random_graphs_valid_means_it_runs(rng: random.Random) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # implicit Softmax dims and the like
        graph, _ = random_graph(rng)
        check_graph(graph, rng)


@settings(max_examples=max(10, settings().max_examples // 3))
@given(st.randoms(use_true_random=False), st.sampled_from(EXAMPLE_FILES))
def test_random_edits_undo_redo_and_refusals(rng: random.Random, example: Path) -> None:
    check_edit_sequence(load_project(example), rng)


@given(st.randoms(use_true_random=False), st.sampled_from(EXAMPLE_FILES))
def test_mangled_files_exit_cleanly(rng: random.Random, example: Path) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_file(mangle(example.read_bytes(), rng), Path(folder))
