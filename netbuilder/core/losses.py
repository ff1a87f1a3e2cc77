"""The losses NetBuilder can train with and differentiate: one list for the training
settings, the `train` and `autograd` commands and both panels."""

from __future__ import annotations

LOSSES = ("CrossEntropyLoss", "MSELoss", "BCEWithLogitsLoss", "L1Loss", "NLLLoss",
          "SmoothL1Loss")
CLASSIFICATION_LOSSES = ("CrossEntropyLoss", "NLLLoss", "BCEWithLogitsLoss")
REGRESSION_LOSSES = ("MSELoss", "L1Loss", "SmoothL1Loss")
CLASS_INDEX_LOSSES = ("CrossEntropyLoss", "NLLLoss")  # targets are class indices, not values
