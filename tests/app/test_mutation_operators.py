"""Each mutation operator, source in → mutants out (no grader, no torch)."""

from __future__ import annotations

import textwrap

import pytest

from tutor.packs.mutation import REGISTRY, generate

# operator: (source, the changed line of each mutant it makes, in order)
CASES: dict[str, tuple[str, list[str]]] = {
    "dim_swap": ("y = x.sum(dim=1) + torch.mean(x, -1) + x.cat(0)\n",
                 ["y = x.sum(dim=0) + torch.mean(x, -1) + x.cat(0)",
                  "y = x.sum(dim=1) + torch.mean(x, -2) + x.cat(0)",
                  "y = x.sum(dim=1) + torch.mean(x, -1) + x.cat(1)"]),
    "softmax_dim": ("p = F.softmax(z, dim=1)\nk = z.argmax()\n",
                    ["p = F.softmax(z, dim=0)", "k = z.argmax(dim=0)"]),
    "keepdim": ("a = x.sum(dim=1, keepdim=True)\nb = x.amax(1)\nc = x.max(0, keepdim=False)\n",
                ["a = x.sum(dim=1)", "b = x.amax(1, keepdim=True)",
                 "c = x.max(0, keepdim=True)"]),
    "sum_mean": ("s = x.sum() + torch.mean(x)\n",
                 ["s = x.mean() + torch.mean(x)", "s = x.sum() + torch.sum(x)"]),
    "transpose": ("y = x.T @ w.t()\n",
                  ["y = x.T.mT @ w.t()", "y = x.T @ w.t().mT", "y = x @ w.t()",
                   "y = x.T @ w"]),
    "slice_bounds": ("y = x[1:n]\n",
                     ["y = x[2:n]", "y = x[0:n]", "y = x[1:n + 1]", "y = x[1:n - 1]"]),
    "inplace": ("def f(x: torch.Tensor, k: int):\n    return x - k + x.exp() + torch.relu(x)\n",
                ["    return x.sub_(k) + x.exp() + torch.relu(x)",
                 "    return x - k + x.exp_() + torch.relu(x)",
                 "    return x - k + x.exp() + x.relu_()"]),
    "clone_removed": ("y = x.clone()\n", ["y = x"]),
    "detach": ("def f(x):\n    y = x.detach()\n    return y.grad\n",
               ["    y = x", "    return y.grad.detach()"]),
    "no_grad_removed": ("def f(p):\n    with torch.no_grad():\n        p -= 1\n",
                        ["    if True:"]),
    "zero_grad_removed": ("def f(opt, p):\n    opt.zero_grad()\n    p.grad = None\n",
                          ["    pass", "    pass"]),
    "eval_train": ("net.eval()\nnet.train()\n", ["net.train()", "net.eval()"]),
    "graph_flags": ("g = torch.autograd.grad(y, x, create_graph=True)\n",
                    ["g = torch.autograd.grad(y, x, create_graph=False)"]),
    "float_inserted": ("def f(x) -> torch.Tensor:\n    return x * 2\n\n"
                       "def g(x) -> int:\n    return x * 2\n\n"
                       "def h() -> nn.Sequential:\n    return nn.Sequential()\n",
                       ["    return (x * 2).float()"]),
    "factory_kwarg_dropped": ("z = torch.zeros(3, dtype=x.dtype, device=x.device)\n",
                              ["z = torch.zeros(3, device=x.device)",
                               "z = torch.zeros(3, dtype=x.dtype)"]),
    "device_move_removed": ("y = x.to(device) + z.cpu()\n", ["y = x + z.cpu()",
                                                              "y = x.to(device) + z"]),
    "unbiased": ("a = x.std(unbiased=False)\nb = x.var(dim=0)\n",
                 ["a = x.std(unbiased=True)", "b = x.var(dim=0, correction=0)"]),
    "compare": ("ok = a >= b and c < d\n", ["ok = a > b and c < d", "ok = a >= b and c <= d"]),
    "arith_swap": ("y = a + b * c - d / e ** 2 // f\nmsg = 'x' + s\nacc -= g\n",
                   ["y = a + b * c + d / e ** 2 // f", "y = a - b * c - d / e ** 2 // f",
                    "y = a + b / c - d / e ** 2 // f", "y = a + b * c - d * e ** 2 // f",
                    "acc += g"]),
    "constant": ("y = x * 1 + 0.5 + eps_of(1e-8)\n",
                 ["y = x * 0 + 0.5 + eps_of(1e-8)", "y = x * 1 + 1.0 + eps_of(1e-8)",
                  "y = x * 1 + 0.5 + eps_of(0.0)"]),
}


def changed_lines(source: str, mutated: str) -> list[str]:
    before, after = source.splitlines(), mutated.splitlines()
    return [new for old, new in zip(before, after, strict=False) if old != new]


@pytest.mark.parametrize("name", sorted(CASES))
def test_operator(name):
    source, expected = CASES[name]
    source = textwrap.dedent(source)
    mutants = generate(source, "lesson01/x", "lesson01_x/x.py", [REGISTRY[name]])
    assert [line for m in mutants for line in changed_lines(source, m.source)] == expected
    assert all(m.operator == name and m.key.startswith(f"{name}@") for m in mutants)


def test_every_operator_has_a_case():
    assert set(REGISTRY) <= set(CASES)


def test_duplicates_and_no_ops_are_dropped():
    source = "y = x.sum(dim=0)\n"
    mutants = generate(source, "l/x", "x.py", [REGISTRY["dim_swap"], REGISTRY["constant"]])
    # constant's 0 → 1 makes the same source as dim_swap's: kept once, under dim_swap
    assert [m.key for m in mutants] == ["dim_swap@1:15"]


def test_docstrings_and_main_blocks_are_not_mutated():
    source = ('"""Scale by 2."""\n\ndef f(x):\n    """times 2"""\n    return x * 2\n\n'
              'if __name__ == "__main__":\n    print(f(3))\n')
    mutants = generate(source, "l/x", "x.py", [REGISTRY["constant"]])
    assert [changed_lines(source, m.source) for m in mutants] == [["    return x * 3"]]


def test_keys_are_stable_and_variants_numbered():
    source = "y = x[a:b]\n"
    first = [m.key for m in generate(source, "l/x", "x.py", [REGISTRY["slice_bounds"]])]
    again = [m.key for m in generate(source, "l/x", "x.py", [REGISTRY["slice_bounds"]])]
    assert first == again == ["slice_bounds@1:7", "slice_bounds@1:7#2", "slice_bounds@1:9",
                              "slice_bounds@1:9#2"]


def test_a_diff_shows_only_the_changed_line():
    source = "import torch\n\n\ndef f(x):\n    # keep me\n    return x.sum(dim=1)\n"
    (mutant,) = generate(source, "l/x", "x.py", [REGISTRY["sum_mean"]])
    diff = mutant.diff()
    assert "-    return x.sum(dim=1)\n+    return x.mean(dim=1)\n" in diff
    assert "import torch" not in diff


def test_an_author_can_register_an_operator():
    from tutor.packs.mutation import Candidate, graded_nodes, operator
    from tutor.packs.mutation.source import SourceMap

    @operator("relu_to_sigmoid_test", "relu replaced by sigmoid")
    def relu_to_sigmoid(tree, smap: SourceMap):
        for node in graded_nodes(tree):
            if getattr(node, "attr", None) == "relu":
                start, end = smap.span(node)
                yield Candidate(node.lineno, node.col_offset + 1, "relu → sigmoid",
                                (smap.replace(node, smap.text(node)[:-4] + "sigmoid"),))

    try:
        (mutant,) = generate("y = torch.relu(x)\n", "l/x", "x.py",
                             [REGISTRY["relu_to_sigmoid_test"]])
        assert mutant.source == "y = torch.sigmoid(x)\n"
    finally:
        REGISTRY.pop("relu_to_sigmoid_test")
