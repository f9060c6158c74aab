"""Stands in for a CUDA out-of-memory error (raised as torch raises it)."""
import torch


def double(x):
    raise torch.OutOfMemoryError(
        "CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity of "
        "79.19 GiB of which 1.20 GiB is free.")
