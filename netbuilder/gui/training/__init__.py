"""The Training panel: settings form, QThread worker, live plots and results."""
