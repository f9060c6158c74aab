"""Course-wide check settings.

The fixtures (exercise, reference, device, gpu_device, rng, seed) and the `gpu`
marker come from the tutor.testing.plugin pytest plugin, which the grader and
this repository's pytest configuration both load.
"""
