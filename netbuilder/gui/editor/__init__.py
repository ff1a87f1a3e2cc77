"""The editor's document, its actions, file operations and the clipboard."""
