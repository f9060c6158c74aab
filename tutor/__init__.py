"""torch-tutor: learn PyTorch in the terminal."""

__version__ = "0.1.0"
