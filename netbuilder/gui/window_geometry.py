"""Where the main window opens: sized from the screen it is on, never bigger than it.

A fixed first size (1440×900) hid the bottom panels and the status bar of a 1366×768
laptop and left a quarter of a 1920×1080 screen unused; a size saved on a big monitor
and restored on a small one does the same. Both go through here, in plain rectangles,
so they can be checked against any screen.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

# Window-manager decorations not counted in a widget's geometry: a title bar, borders.
# The real ones are known only once the window is shown (frameGeometry); this guess
# keeps the first frame on the screen, and `clamp` corrects it with the real one.
FRAME_GUESS = QMargins(2, 32, 2, 2)
SMALL_SCREEN = QSize(1600, 950)  # below this the window takes all the room there is
LARGE_SHARE = 0.92  # of a larger screen (a little desktop stays visible around it)


def first_geometry(available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """The first window's client rectangle on a screen whose available geometry (the
    screen less panels and docks) is `available`: all of a small screen, most of a large
    one, centred; with the frame it stays inside `available`."""
    room = available.marginsRemoved(frame)
    if available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height():
        return room
    size = QSize(round(room.width() * LARGE_SHARE), round(room.height() * LARGE_SHARE))
    rect = QRect(room.topLeft(), size)
    rect.moveCenter(room.center())
    return rect


def clamp(geometry: QRect, available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """`geometry` (a client rectangle) moved and, if it must, shrunk so that it and its
    frame lie inside `available`."""
    room = available.marginsRemoved(frame)
    width = min(geometry.width(), room.width())
    height = min(geometry.height(), room.height())
    x = min(max(geometry.x(), room.left()), room.right() + 1 - width)
    y = min(max(geometry.y(), room.top()), room.bottom() + 1 - height)
    return QRect(x, y, width, height)
