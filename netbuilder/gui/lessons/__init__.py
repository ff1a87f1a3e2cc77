"""The Lessons panel: guided lessons that check each step before moving on."""
