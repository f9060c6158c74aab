"""no_autograd blocks every automatic differentiation, however it was imported."""

from __future__ import annotations

import pytest
import torch
import torch.autograd.forward_ad as fwAD
from torch.autograd.functional import hessian as functional_hessian
from torch.autograd.functional import jacobian
from torch.func import grad, grad_and_value, hessian, jacfwd, jacrev, jvp, linearize, vjp

from tutor.testing.rules import RuleViolation, no_autograd


def cube_sum(x: torch.Tensor) -> torch.Tensor:
    return (x**3).sum()


def dual_numbers(x: torch.Tensor) -> torch.Tensor:
    with fwAD.dual_level():
        return fwAD.unpack_dual(cube_sum(fwAD.make_dual(x, torch.ones_like(x)))).tangent


def backward(x: torch.Tensor) -> torch.Tensor:
    leaf = x.clone().requires_grad_(True)
    cube_sum(leaf).backward()
    assert leaf.grad is not None
    return leaf.grad


WAYS = {
    "Tensor.backward": (backward, "torch.Tensor.backward"),
    "autograd.grad": (lambda x: torch.autograd.grad(cube_sum(x.requires_grad_()), x),
                      "torch.autograd.grad"),
    "functional.jacobian": (lambda x: jacobian(cube_sum, x), "torch.autograd.grad"),
    "functional.hessian": (lambda x: functional_hessian(cube_sum, x), "torch.autograd.grad"),
    "func.grad": (lambda x: grad(cube_sum)(x), "torch.func.grad"),
    "func.grad_and_value": (lambda x: grad_and_value(cube_sum)(x), "torch.func.grad_and_value"),
    "func.vjp": (lambda x: vjp(cube_sum, x), "torch.func.vjp"),
    "func.jacrev": (lambda x: jacrev(cube_sum)(x), "torch.func.vjp"),
    "func.jvp": (lambda x: jvp(cube_sum, (x,), (x,)), "torch.func.jvp"),
    "func.jacfwd": (lambda x: jacfwd(cube_sum)(x), "torch.func.jvp"),
    "func.hessian": (lambda x: hessian(cube_sum)(x), "torch.func."),
    "func.linearize": (lambda x: linearize(cube_sum, x), "forward_ad"),
    "forward_ad dual numbers": (dual_numbers, "forward_ad"),
}


@pytest.mark.parametrize("way", sorted(WAYS))
def test_blocked_inside_and_working_after(way):
    call, named = WAYS[way]
    x = torch.tensor([1.0, -2.0, 0.5])
    with no_autograd("compute it by hand."), pytest.raises(RuleViolation) as caught:
        call(x.clone())
    assert named in str(caught.value) and "compute it by hand." in str(caught.value)
    call(x.clone())  # every patch is undone when the block ends


def test_plain_tensor_code_and_vmap_still_run():
    x = torch.tensor([1.0, -2.0, 0.5])
    with no_autograd():
        assert torch.equal(3 * x**2, torch.vmap(lambda t: 3 * t**2)(x))
