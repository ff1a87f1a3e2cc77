"""Training: datasets, the Qt-free trainer and metrics (`netbuilder train` is
netbuilder/cli/train.py).

Nothing here imports PySide6 or pyqtgraph (the GUI adapts it: netbuilder/gui/training/),
and this package's __init__ and `settings` do not import torch, so the editor's window can
show its training form before torch has loaded.
"""
