"""The Autograd panel: the DAG view, its items, the background build and the export."""
