"""prep: get ready for computer-vision interviews (quiz, katas, stats)."""

__version__ = "0.1.0"
