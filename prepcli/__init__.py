"""prep: get ready for computer-vision interviews (quiz, katas, stats)."""

__version__ = "0.2.0"
