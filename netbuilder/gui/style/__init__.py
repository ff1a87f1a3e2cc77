"""Look: theme colours, icons and packaged resources."""
