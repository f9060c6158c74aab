"""The check API for pack authors: loaders, tensor asserts, rules, gradients, inputs.

A check file imports what it needs from here::

    from tutor.testing import assert_close, describe_call, forbidden, assert_no_loops

Fixtures (``exercise``, ``reference``, ``device``, ``gpu_device``, ``rng``,
``seed``) come from :mod:`tutor.testing.plugin`. See docs/authoring.md.
"""

from tutor.testing.asserts import (
    assert_close,
    assert_equal,
    assert_raises,
    assert_tensor,
    assert_value,
    shape_hint,
)
from tutor.testing.calls import Outcome, call_each
from tutor.testing.describe import Source, brief, describe, describe_call, shape_str
from tutor.testing.diagnose import Mistake, Named, diagnose, diagnose_mistake, mistake
from tutor.testing.feedback import loss_curves, on_failure, reference_solution
from tutor.testing.gradcheck import assert_gradient, numeric_gradient, relative_error, verdict
from tutor.testing.inplace import inputs_unchanged
from tutor.testing.inputs import (
    draw_int,
    noncontiguous,
    one_thread,
    randint,
    randn,
    random_shape,
    repeats,
)
from tutor.testing.loader import ExerciseLoadError, load_module, require_function
from tutor.testing.rules import (
    RuleViolation,
    assert_no_loops,
    find_loops,
    forbidden,
    no_autograd,
)
from tutor.testing.shrink import smallest_failure
from tutor.testing.trace import (
    compare_traces,
    layer_data,
    layer_table,
    layers,
    record_shapes,
    shapes,
    trace_data,
)
from tutor.testing.twins import local_twin

__all__ = [
    "local_twin",
    "ExerciseLoadError",
    "Mistake",
    "Named",
    "Outcome",
    "RuleViolation",
    "assert_close",
    "assert_equal",
    "assert_gradient",
    "assert_no_loops",
    "assert_raises",
    "assert_tensor",
    "assert_value",
    "brief",
    "call_each",
    "compare_traces",
    "Source",
    "describe",
    "describe_call",
    "diagnose",
    "diagnose_mistake",
    "draw_int",
    "find_loops",
    "forbidden",
    "inputs_unchanged",
    "layer_data",
    "layer_table",
    "layers",
    "loss_curves",
    "on_failure",
    "load_module",
    "mistake",
    "no_autograd",
    "noncontiguous",
    "numeric_gradient",
    "one_thread",
    "randint",
    "randn",
    "random_shape",
    "repeats",
    "record_shapes",
    "reference_solution",
    "shapes",
    "trace_data",
    "relative_error",
    "require_function",
    "shape_hint",
    "shape_str",
    "smallest_failure",
    "verdict",
]
