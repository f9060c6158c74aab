"""Find every Python-level iteration in a learner's file (the "no loops" rule).

Syntax is not enough: ``map(f, channels)``, ``functools.reduce``, a recursive
helper and a loop hidden in a helper function all step through the data one
Python call at a time, exactly like a ``for`` loop. So the rule looks at the
function under test *and every function of the same file it calls*, and counts
loop statements, comprehensions, generator expressions, the iterating built-ins
and recursion.
"""

from __future__ import annotations

import ast

LOOP_NODES: dict[type, str] = {
    ast.For: "a `for` loop", ast.While: "a `while` loop", ast.AsyncFor: "an `async for` loop",
    ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension", ast.GeneratorExp: "a generator expression",
}
ITERATING_CALLS = {"map", "filter", "reduce", "zip", "enumerate", "iter", "reversed", "sorted",
                   "accumulate", "starmap", "apply_", "map_", "map2_", "filterfalse",
                   "takewhile", "dropwhile"}
"""Calls that step through their argument in Python (built-ins, functools, itertools,
``Tensor.apply_``)."""
ITERATING_WITH_ONE_ARG = {"sum", "min", "max", "any", "all", "list", "tuple", "set"}
"""Built-ins that iterate when given one positional argument (``sum(rows)``, ``max(x)``)."""
SIZE_ATTRIBUTES = {"shape", "size", "dim", "ndim", "stride"}

Functions = dict[str, ast.FunctionDef | ast.AsyncFunctionDef]


def find_loops(source: str, function: str | None = None) -> list[tuple[int, str]]:
    """(line, kind) of every Python-level iteration in ``function`` and the helpers it calls
    (or in the whole file, minus ``if __name__ == "__main__":`` blocks)."""
    tree = ast.parse(source)
    functions = _functions(tree)
    if function is None:
        roots: list[ast.AST] = [node for node in tree.body if not _is_main_guard(node)]
    else:
        roots = [node for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and node.name == function]
        roots += [functions[name] for name in _reachable(roots, functions)
                  if functions[name] not in roots]
    found: set[tuple[int, str]] = set()
    for root in roots:
        for node in ast.walk(root):
            kind = _loop_kind(node)
            if kind:
                found.add((getattr(node, "lineno", 0), kind))
    for name in _recursive(functions):
        found.add((functions[name].lineno, f"recursion (`{name}` calls itself)"))
    in_scope = {id(n) for root in roots for n in ast.walk(root)}
    return sorted((line, kind) for line, kind in found
                  if not kind.startswith("recursion") or _def_in_scope(kind, functions,
                                                                       in_scope))


def _loop_kind(node: ast.AST) -> str | None:
    if type(node) in LOOP_NODES:
        return LOOP_NODES[type(node)]
    if not isinstance(node, ast.Call):
        return None
    name = _called_name(node)
    if name in ITERATING_CALLS:
        return f"a `{name}()` call"
    if (name in ITERATING_WITH_ONE_ARG and isinstance(node.func, ast.Name)
            and len(node.args) == 1 and not node.keywords
            and not isinstance(node.args[0], ast.GeneratorExp)
            and not _is_size(node.args[0]) and not _loop_kind(node.args[0])):
        return f"a `{name}()` over an iterable"
    return None


def _is_size(node: ast.AST) -> bool:
    """``tuple(x.shape)``, ``tuple(w.shape[1:])`` and ``list(x.size())`` read a size;
    they do not loop over data."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Call):
        node = node.func
    return isinstance(node, ast.Attribute) and node.attr in SIZE_ATTRIBUTES


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _functions(tree: ast.Module) -> Functions:
    """Functions and methods of the file by name (outside ``__main__`` blocks)."""
    skipped = {id(n) for node in tree.body if _is_main_guard(node) for n in ast.walk(node)}
    return {node.name: node for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and id(node) not in skipped}


def _callees(root: ast.AST, functions: Functions) -> set[str]:
    """Functions of the file that ``root`` calls or passes on (``map(helper, x)``);
    ``x.norm()`` is a tensor method, not the file's ``norm``, but ``self.norm()`` is."""
    names: set[str] = set()
    for node in ast.walk(root):
        if isinstance(node, ast.Name) and node.id in functions:
            names.add(node.id)
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in ("self", "cls") and node.attr in functions):
            names.add(node.attr)
    return names


def _reachable(roots: list[ast.AST], functions: Functions) -> set[str]:
    seen: set[str] = set()
    todo = [name for root in roots for name in _callees(root, functions)]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_callees(functions[name], functions))
    return seen


def _recursive(functions: Functions) -> list[str]:
    """Functions that can call themselves, directly or through others in the file."""
    return [name for name, node in functions.items()
            if name in _reachable([node], functions)]


def _def_in_scope(kind: str, functions: Functions, in_scope: set[int]) -> bool:
    name = kind.split("`")[1]
    return id(functions[name]) in in_scope


def _is_main_guard(node: ast.AST) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")
