"""Chinese audio-visual industry text pipeline."""
__version__ = "0.1.0"
