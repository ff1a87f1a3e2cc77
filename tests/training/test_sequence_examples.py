"""The sequence examples train with the real trainer: an LSTM and a Transformer encoder."""

from __future__ import annotations

from netbuilder.training.session import make_job, run_training
from tests.training.conftest import example


def test_lstm_reads_digits_row_by_row_to_90_percent_within_15_epochs() -> None:
    job = make_job(example("sequence_lstm"))
    assert job.settings.epochs <= 15
    assert "x, _ = self.lstm(x)" in job.compiled.source  # output, (h_n, c_n): one port used
    assert "x = x[:, -1]" in job.compiled.source
    result = run_training(job)
    assert result.status == "finished", result.message
    assert max(e.val_accuracy for e in result.epochs) >= 0.90


def test_transformer_encoder_example_trains() -> None:
    job = make_job(example("transformer_encoder"))
    assert "self.position = nn.Parameter(torch.randn(1, 8, 32))" in job.compiled.source
    assert "x = x + self.position" in job.compiled.source
    result = run_training(job)
    assert result.status == "finished", result.message
    first, last = result.epochs[0], result.epochs[-1]
    assert last.train_loss < first.train_loss
    assert max(e.val_accuracy for e in result.epochs) >= 0.85
