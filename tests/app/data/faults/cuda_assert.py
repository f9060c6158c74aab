"""Stands in for an out-of-range index on a CUDA tensor (a CPU-only machine cannot
trigger a real device-side assert): raises what torch raises for one."""


def double(x):
    if x == 3:
        raise RuntimeError(
            "CUDA error: device-side assert triggered\n"
            "CUDA kernel errors might be asynchronously reported at some other API call, "
            "so the stacktrace below might be incorrect.")
    return 2 * x
