"""Training settings: saved in the project, checked with messages a person can act on."""

from __future__ import annotations

import pytest

from netbuilder.training.settings import (
    DATASETS,
    SettingsError,
    TrainingSettings,
    parse_settings,
    suggest_settings,
)
from tests.training.conftest import EXAMPLES, example


def test_round_trip_through_the_project_dict() -> None:
    s = TrainingSettings(dataset="moons", optimizer="Adam", lr=0.003, epochs=7, seed=3)
    assert TrainingSettings.from_dict(s.to_dict()) == s
    assert TrainingSettings.from_dict(None) == TrainingSettings()


def test_every_example_has_valid_settings() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        project = example(path.stem)
        if project.training is not None:
            assert parse_settings(project.training)[1] == [], path.name
    assert example("digits").training is not None


@pytest.mark.parametrize(("data", "words"), [
    ({"lr": -1}, "lr must be above 0, not -1"),
    ({"lr": "fast"}, "lr must be a number, not 'fast'"),
    ({"epochs": 2.5}, "epochs must be a whole number"),
    ({"batch_size": True}, "batch_size must be a whole number"),
    ({"optimizer": "adam"}, "(did you mean 'Adam'?)"),
    ({"dataset": "mnsit"}, "(did you mean 'mnist'?)"),
    ({"lrate": 0.1}, "unknown training setting 'lrate' (did you mean 'lr'?)"),
    ({"momentum": 1.0}, "momentum must be below 1"),
    ({"val_split": 0.95}, "val_split must be at most 0.9"),
    ({"nesterov": True}, "nesterov needs the SGD optimizer with momentum above 0"),
    ({"dataset": "csv"}, "the csv dataset needs data_path: the CSV file"),
])
def test_bad_values_are_named(data: dict[str, object], words: str) -> None:
    with pytest.raises(SettingsError) as info:
        TrainingSettings.from_dict(data)
    assert words in str(info.value)


def test_lenient_parse_keeps_the_good_values() -> None:
    settings, problems = parse_settings({"lr": 0.5, "epochs": -3, "seed": 9})
    assert (settings.lr, settings.epochs, settings.seed) == (0.5, 5, 9)
    assert problems == ["epochs must be at least 1, not -3"]


def test_suggestions_follow_the_network() -> None:
    assert suggest_settings([1], 1).dataset == "regression"
    assert suggest_settings([1], 1).loss == "MSELoss"
    assert suggest_settings([2], 2).dataset == "moons"
    assert suggest_settings([3, 32, 32], 10).dataset == "cifar10"
    assert suggest_settings([1, 32, 32], 10).dataset == "digits"
    assert set(DATASETS) >= {"digits", "moons", "circles", "spiral", "xor", "regression",
                             "mnist", "fashion_mnist", "cifar10", "image_folder", "csv"}
