"""The no-loops rule sees every Python-level iteration, and only iteration."""

from __future__ import annotations

import textwrap

import pytest

from tutor.testing import find_loops

HEADER = "import functools\nimport itertools\nimport torch\n\n"

CAUGHT = {
    "for": ("def f(x):\n    for c in x:\n        c += 1\n    return x\n", "a `for` loop"),
    "while": ("def f(x):\n    while x.sum() > 1:\n        x = x / 2\n    return x\n",
              "a `while` loop"),
    "list comprehension": ("def f(x):\n    return torch.stack([c * 2 for c in x])\n",
                           "a list comprehension"),
    "generator": ("def f(x):\n    return sum(c for c in x)\n", "a generator expression"),
    "dict comprehension": ("def f(x):\n    return {i: c for i, c in enumerate(x)}\n",
                           "a dict comprehension"),
    "map": ("def f(x):\n    return torch.stack(list(map(lambda c: c - c.mean(), x)))\n",
            "a `map()` call"),
    "filter": ("def f(x):\n    return list(filter(None, x))\n", "a `filter()` call"),
    "functools.reduce": ("def f(xs):\n    return functools.reduce(torch.add, xs)\n",
                         "a `reduce()` call"),
    "itertools.accumulate": ("def f(xs):\n    return list(itertools.accumulate(xs))\n",
                             "a `accumulate()` call"),
    "zip": ("def f(a, b):\n    return torch.stack(list(zip(a, b)))\n", "a `zip()` call"),
    "sum over rows": ("def f(x):\n    return sum(x)\n", "a `sum()` over an iterable"),
    "apply_": ("def f(x):\n    return x.clone().apply_(lambda v: v * 2)\n",
               "a `apply_()` call"),
    "recursion": ("def f(x, i=0):\n    if i == x.shape[0]:\n        return x\n"
                  "    x[i] = 0\n    return f(x, i + 1)\n", "recursion (`f` calls itself)"),
    "helper with a loop": ("def helper(x):\n    for c in x:\n        pass\n    return x\n\n"
                           "def f(x):\n    return helper(x)\n", "a `for` loop"),
    "mutual recursion": ("def g(x, n):\n    return x if n == 0 else f(x, n - 1)\n\n"
                         "def f(x, n=3):\n    return g(x, n)\n", "recursion (`f` calls itself)"),
    "helper passed as a value": ("def one(c):\n    return [c]\n\ndef f(x):\n"
                                 "    return torch.cat(list(map(one, x)))\n",
                                 "a `map()` call"),
}


@pytest.mark.parametrize("name", sorted(CAUGHT))
def test_caught(name):
    source, kind = CAUGHT[name]
    found = find_loops(HEADER + textwrap.dedent(source), function="f")
    assert kind in [k for _, k in found], found


ALLOWED = {
    "whole-tensor ops": "def f(x):\n    return (x - x.mean(dim=1, keepdim=True)).sum()\n",
    "sizes": "def f(x):\n    n, d = tuple(x.shape)\n"
             "    return x.reshape(list(x.size())) * max(n, d)\n",
    "a slice of a shape": "def f(x, w):\n    if tuple(w.shape[1:]) != tuple(x.shape)[1:]:\n"
                          "        raise ValueError('shapes')\n    return x\n",
    "a helper without loops": "def norm(x):\n    return x.norm()\n\n"
                              "def f(x):\n    return x / norm(x)\n",
    "an unrelated loop elsewhere": "def other(x):\n    for c in x:\n        pass\n\n"
                                   "def f(x):\n    return x * 2\n",
    "demo code": "def f(x):\n    return x * 2\n\nif __name__ == '__main__':\n"
                 "    for i in range(3):\n        print(f(torch.ones(i)))\n",
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed(name):
    assert find_loops(HEADER + textwrap.dedent(ALLOWED[name]), function="f") == []


def test_whole_file_includes_helpers_and_recursion():
    source = HEADER + "def g(x):\n    return g(x - 1) if x.sum() > 0 else x\n"
    assert find_loops(source) == [(5, "recursion (`g` calls itself)")]


def test_rule_in_a_check_names_the_file_and_line(tmp_path):
    from tutor.testing import RuleViolation, assert_no_loops
    from tutor.testing.loader import load_module

    path = tmp_path / "channels.py"
    path.write_text("import torch\n\n\ndef f(x):\n"
                    "    return torch.stack(list(map(torch.relu, x)))\n")
    module = load_module(path)
    with pytest.raises(RuleViolation, match=r"channels.py has a `map\(\)` call on line 5"):
        assert_no_loops(module, "f")
