"""The PySide6 editor: all Qt lives in this package."""
