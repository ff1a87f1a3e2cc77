"""The side panels: palette, inspector (with its parameter editors), problems, summary."""
