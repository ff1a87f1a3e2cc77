"""The canvas: graphics items that draw the graph, a scene that follows the Document,
and a view that zooms, pans and takes drops from the palette."""
