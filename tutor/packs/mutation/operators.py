"""PyTorch-specific mutation operators, kept in a registry an author can extend.

Each operator looks at a reference solution's AST and yields :class:`Candidate`
edits: small, plausible mistakes (a swapped ``dim``, a dropped ``keepdim``, an
in-place op on an input). A pack adds its own with the :func:`operator`
decorator in a file named by ``[mutation] plugins`` in pack.toml::

    from tutor.packs.mutation import Candidate, operator

    @operator("relu_to_sigmoid", "relu replaced by sigmoid")
    def relu_to_sigmoid(tree, smap):
        for node in graded_nodes(tree): ...
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tutor.packs.mutation.source import (
    Edit,
    SourceMap,
    add_keyword,
    attr_name_span,
    graded_nodes,
    remove_keyword,
)


@dataclass(frozen=True)
class Candidate:
    """One mutation of the source: where, what it does, and the edits that make it."""

    line: int
    col: int
    """1-based character column of the node the operator changed."""
    description: str
    edits: tuple[Edit, ...]


Finder = Callable[[ast.Module, SourceMap], Iterator[Candidate]]


@dataclass(frozen=True)
class Operator:
    name: str
    description: str
    find: Finder


REGISTRY: dict[str, Operator] = {}


def operator(name: str, description: str) -> Callable[[Finder], Finder]:
    """Register a mutation operator under ``name`` (a later registration replaces it)."""

    def register(find: Finder) -> Finder:
        REGISTRY[name] = Operator(name, description, find)
        return find

    return register


def _candidate(node: ast.AST, description: str, *edits: Edit | None) -> Candidate | None:
    if any(edit is None for edit in edits):
        return None
    return Candidate(node.lineno, node.col_offset + 1,  # type: ignore[attr-defined]
                     description, tuple(e for e in edits if e is not None))


def _calls(tree: ast.Module) -> Iterator[ast.Call]:
    return (n for n in graded_nodes(tree) if isinstance(n, ast.Call))


def _name(call: ast.Call) -> str:
    """``sum`` for ``x.sum(...)``, ``torch.sum(...)`` and ``sum(...)``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


MODULES = {"torch", "F", "nn", "functional", "np", "numpy", "math", "linalg", "autograd",
           "special", "fft"}


def _is_function_call(call: ast.Call) -> bool:
    """``torch.sum(x, 1)`` (input first) rather than the method ``x.sum(1)``."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return True
    base = func.value
    while isinstance(base, ast.Attribute):
        if base.attr in MODULES:
            return True
        base = base.value
    return isinstance(base, ast.Name) and base.id in MODULES


def _int_value(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int):
        return -node.operand.value
    return None


def _keyword(call: ast.Call, *names: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg in names), None)


def _wrap(text: str, node: ast.AST) -> str:
    simple = isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant))
    return text if simple else f"({text})"


PLAIN_TYPES = {"int", "float", "bool", "str", "dict", "list", "tuple", "None", "Callable",
               "Sequence", "Iterator", "Generator", "Iterable", "type", "set", "bytes"}


def _plain_annotation(annotation: ast.AST | None) -> bool:
    """True when an annotation names a Python (non-tensor) type."""
    if annotation is None:
        return False
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    if isinstance(annotation, ast.Attribute):
        return annotation.attr in PLAIN_TYPES
    if isinstance(annotation, ast.Constant):
        return annotation.value is None
    return isinstance(annotation, ast.Name) and annotation.id in PLAIN_TYPES


MODULE_TYPES = {"Module", "Sequential", "ModuleList", "ModuleDict"}


def _module_annotation(annotation: ast.AST | None) -> bool:
    """True for ``nn.Module``-like return types: ``.float()`` of a new module is a no-op."""
    name = getattr(annotation, "attr", None) or getattr(annotation, "id", None)
    return name in MODULE_TYPES


def _returns(tree: ast.Module) -> Iterator[ast.Return]:
    """Return statements of functions that may return a tensor (by their annotation)."""
    for function in graded_nodes(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and not _plain_annotation(function.returns) \
                and not _module_annotation(function.returns):
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    yield node


TENSORISH = (ast.Call, ast.Name, ast.BinOp, ast.Attribute, ast.Subscript, ast.UnaryOp, ast.IfExp)

# --- dimensions -----------------------------------------------------------------------------

DIM_FIRST = {"sum", "mean", "max", "min", "amax", "amin", "cumsum", "cumprod", "prod", "std",
             "var", "logsumexp", "unsqueeze", "squeeze", "all", "any", "median", "size", "cat",
             "stack", "unbind", "count_nonzero", "nansum", "nanmean", "flip", "norm_dim"}
SOFTMAX_LIKE = {"softmax", "log_softmax", "argmax", "argmin"}


def _other_dims(value: int) -> list[int]:
    swaps = {0: [1], 1: [0], -1: [-2], -2: [-1]}
    return swaps.get(value, [value - 1 if value > 0 else value + 1])


def _dim_node(call: ast.Call) -> ast.AST | None:
    keyword = _keyword(call, "dim", "axis")
    if keyword is not None:
        return keyword.value
    index = 1 if _is_function_call(call) else 0
    return call.args[index] if len(call.args) > index else None


def _swap_dim(call: ast.Call, smap: SourceMap, what: str) -> Iterator[Candidate]:
    node = _dim_node(call)
    value = None if node is None else _int_value(node)
    if node is None or value is None:
        return
    for other in _other_dims(value):
        found = _candidate(node, f"{what} dim {value} → {other}",
                           smap.replace(node, str(other)))
        if found:
            yield found


@operator("dim_swap", "a reduction's or op's dim swapped (0↔1, -1↔-2)")
def dim_swap(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        name = _name(call)
        if name in SOFTMAX_LIKE:
            continue
        if name in DIM_FIRST or _keyword(call, "dim", "axis") is not None:
            yield from _swap_dim(call, smap, name)


@operator("softmax_dim", "the dim of softmax/log_softmax/argmax changed (or given)")
def softmax_dim(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        name = _name(call)
        if name not in SOFTMAX_LIKE:
            continue
        if _dim_node(call) is None:
            found = _candidate(call, f"{name} given dim=0", add_keyword(smap, call, "dim=0"))
            if found:
                yield found
        else:
            yield from _swap_dim(call, smap, name)


REDUCTIONS = {"sum", "mean", "max", "min", "amax", "amin", "std", "var", "norm", "logsumexp",
              "prod", "argmax", "argmin", "all", "any", "median", "vector_norm", "nansum",
              "nanmean", "count_nonzero"}


@operator("keepdim", "keepdim=True dropped, or added to a reduction over a dim")
def keepdim(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        keyword = _keyword(call, "keepdim")
        if keyword is not None:
            if isinstance(keyword.value, ast.Constant) and keyword.value.value is False:
                edit = smap.replace(keyword.value, "True")
                found = _candidate(keyword, "keepdim=False → True", edit)
            else:
                found = _candidate(keyword, "keepdim dropped", remove_keyword(smap, call, keyword))
        elif _name(call) in REDUCTIONS and _dim_node(call) is not None:
            found = _candidate(call, f"keepdim=True added to {_name(call)}",
                               add_keyword(smap, call, "keepdim=True"))
        else:
            continue
        if found:
            yield found


@operator("sum_mean", "sum ↔ mean")
def sum_mean(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    swap = {"sum": "mean", "mean": "sum", "nansum": "nanmean", "nanmean": "nansum"}
    for call in _calls(tree):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in swap:
            span = attr_name_span(smap, func)
            if span:
                found = _candidate(call, f"{func.attr} → {swap[func.attr]}",
                                   Edit(*span, swap[func.attr]))
                if found:
                    yield found


# --- layout ---------------------------------------------------------------------------------

@operator("transpose", ".T/transpose dropped, or .mT added to a matmul operand")
def transpose(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        found: Candidate | None = None
        if isinstance(node, ast.Attribute) and node.attr in ("T", "mT", "H", "mH"):
            found = _candidate(node, f".{node.attr} dropped",
                               smap.replace(node, smap.text(node.value)))
        elif isinstance(node, ast.Call) and _name(node) in ("t", "transpose", "swapaxes"):
            if isinstance(node.func, ast.Attribute) and not _is_function_call(node):
                found = _candidate(node, f".{_name(node)}() dropped",
                                   smap.replace(node, smap.text(node.func.value)))
            elif node.args:
                found = _candidate(node, f"{_name(node)} dropped",
                                   smap.replace(node, smap.text(node.args[0])))
        if found:
            yield found
        operands: list[ast.AST] = []
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            operands = [node.left, node.right]
        elif isinstance(node, ast.Call) and _name(node) in ("matmul", "mm", "bmm"):
            operands = list(node.args[:2]) if _is_function_call(node) else list(node.args[:1])
        for operand in operands:
            text = _wrap(smap.text(operand), operand)
            added = _candidate(operand, ".mT added to a matmul operand",
                               smap.replace(operand, f"{text}.mT"))
            if added:
                yield added


def _shifted(smap: SourceMap, bound: ast.AST, delta: int) -> str:
    value = _int_value(bound)
    if value is not None:
        return str(value + delta)
    sign = "+" if delta > 0 else "-"
    return f"{_wrap(smap.text(bound), bound)} {sign} {abs(delta)}"


@operator("slice_bounds", "a slice bound moved by ±1")
def slice_bounds(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        if not isinstance(node, ast.Slice):
            continue
        for bound in (node.lower, node.upper):
            if bound is None:
                continue
            for delta in (1, -1):
                found = _candidate(bound, f"slice bound {delta:+d}",
                                   smap.replace(bound, _shifted(smap, bound, delta)))
                if found:
                    yield found


# --- in place and copies --------------------------------------------------------------------

INPLACE_METHODS = {"add", "sub", "mul", "div", "clamp", "clamp_min", "clamp_max", "clip", "exp",
                   "log", "abs", "neg", "sqrt", "pow", "relu", "sigmoid", "tanh", "masked_fill",
                   "fill", "floor", "ceil", "round", "sign", "reciprocal", "square", "t",
                   "transpose", "unsqueeze", "squeeze", "nan_to_num", "lerp", "addcmul",
                   "true_divide", "index_fill", "scatter", "scatter_add", "logical_not",
                   "rsqrt", "sin", "cos", "log1p", "expm1", "normal", "uniform"}
BINOP_INPLACE = {ast.Add: "add_", ast.Sub: "sub_", ast.Mult: "mul_", ast.Div: "div_",
                 ast.Pow: "pow_"}


def _parameters(tree: ast.Module) -> dict[int, set[str]]:
    """For each node id inside a function, the names of that function's parameters."""
    owner: dict[int, set[str]] = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = {a.arg for a in (*function.args.posonlyargs, *function.args.args,
                                     *function.args.kwonlyargs)
                     if not _plain_annotation(a.annotation)} - {"self", "cls"}
            for node in ast.walk(function):
                owner[id(node)] = names
    return owner


def _inplace_edit(node: ast.AST, params: set[str], smap: SourceMap) -> tuple[str, str] | None:
    """(description, replacement) turning ``node`` into an in-place op on a parameter."""
    if (isinstance(node, ast.BinOp) and type(node.op) in BINOP_INPLACE
            and isinstance(node.left, ast.Name) and node.left.id in params):
        method = BINOP_INPLACE[type(node.op)]
        return (f"{node.left.id} changed in place ({method})",
                f"{node.left.id}.{method}({smap.text(node.right)})")
    if not isinstance(node, ast.Call) or _name(node) not in INPLACE_METHODS:
        return None
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None
    if _is_function_call(node):
        if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in params:
            rest = ", ".join([smap.text(a) for a in node.args[1:]]
                             + [smap.text(k) for k in node.keywords])
            return (f"{node.args[0].id} changed in place ({func.attr}_)",
                    f"{node.args[0].id}.{func.attr}_({rest})")
        return None
    if isinstance(func.value, ast.Name) and func.value.id in params:
        span = attr_name_span(smap, func)
        if span:
            start, end = smap.span(node)
            text = smap.source[start:span[1]] + "_" + smap.source[span[1]:end]
            return f"{func.value.id} changed in place ({func.attr}_)", text
    return None


@operator("inplace", "an op on an input replaced by its in-place variant")
def inplace(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    owners = _parameters(tree)
    for node in graded_nodes(tree):
        params = owners.get(id(node))
        change = _inplace_edit(node, params, smap) if params else None
        if change:
            found = _candidate(node, change[0], smap.replace(node, change[1]))
            if found:
                yield found


@operator("clone_removed", ".clone() dropped (the result aliases its input)")
def clone_removed(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        if (_name(call) == "clone" and isinstance(call.func, ast.Attribute)
                and not _is_function_call(call)):
            found = _candidate(call, ".clone() dropped",
                               smap.replace(call, smap.text(call.func.value)))
            if found:
                yield found


# --- autograd -------------------------------------------------------------------------------

AUTOGRAD_WORDS = ("grad", "backward", "nn.", "Module", "autograd")


@operator("detach", ".detach() removed, or added to a returned value (where autograd is used)")
def detach(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        if _name(call) == "detach" and isinstance(call.func, ast.Attribute) and not call.args:
            found = _candidate(call, ".detach() removed",
                               smap.replace(call, smap.text(call.func.value)))
            if found:
                yield found
    if not any(word in smap.source for word in AUTOGRAD_WORDS):
        return
    for ret in _returns(tree):
        if isinstance(ret.value, TENSORISH):
            text = _wrap(smap.text(ret.value), ret.value)
            found = _candidate(ret.value, ".detach() added to the result",
                               smap.replace(ret.value, f"{text}.detach()"))
            if found:
                yield found


def _with_header(smap: SourceMap, node: ast.With) -> tuple[int, int] | None:
    start = smap.offset(node.lineno, node.col_offset)
    last = node.items[-1]
    tail = last.optional_vars or last.context_expr
    colon = smap.source.find(":", smap.span(tail)[1])
    return (start, colon + 1) if colon >= 0 else None


GRAD_MODES = ("no_grad", "inference_mode", "enable_grad")


@operator("no_grad_removed", "a torch.no_grad() block (or decorator) removed")
def no_grad_removed(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        if isinstance(node, ast.With) and len(node.items) == 1:
            item = node.items[0].context_expr
            if isinstance(item, ast.Call) and _name(item) in GRAD_MODES:
                header = _with_header(smap, node)
                if header:
                    found = _candidate(node, f"{_name(item)}() block removed",
                                       Edit(*header, "if True:"))
                    if found:
                        yield found
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(target, (ast.Attribute, ast.Name)) and (
                        getattr(target, "attr", None) in GRAD_MODES
                        or getattr(target, "id", None) in GRAD_MODES):
                    found = _candidate(decorator, "no_grad decorator removed",
                                       smap.replace(decorator, "(lambda f: f)"))
                    if found:
                        yield found


def _is_grad_reset(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call, func = stmt.value, stmt.value.func
        return _name(call) == "zero_grad" or (
            _name(call) == "zero_" and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Attribute) and func.value.attr == "grad")
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
        return (stmt.value.value is None and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Attribute) and stmt.targets[0].attr == "grad")
    return False


@operator("zero_grad_removed", "zero_grad() (or p.grad.zero_() / p.grad = None) removed")
def zero_grad_removed(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        if isinstance(node, ast.stmt) and _is_grad_reset(node):
            found = _candidate(node, "gradient reset removed", smap.replace(node, "pass"))
            if found:
                yield found


@operator("eval_train", "eval() ↔ train()")
def eval_train(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        func = call.func
        if not isinstance(func, ast.Attribute) or _is_function_call(call):
            continue
        if func.attr == "eval" and not call.args:
            found = _candidate(call, "eval() → train()",
                               smap.replace(call, f"{smap.text(func.value)}.train()"))
        elif func.attr == "train":
            flag = _int_value(call.args[0]) if call.args else None
            is_false = call.args and isinstance(call.args[0], ast.Constant) and \
                call.args[0].value is False
            replacement = "train()" if is_false or flag == 0 else "eval()"
            found = _candidate(call, f"train → {replacement}",
                               smap.replace(call, f"{smap.text(func.value)}.{replacement}"))
        else:
            continue
        if found:
            yield found


def _flip(smap: SourceMap, value: ast.AST) -> str:
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return str(not value.value)
    return f"not {_wrap(smap.text(value), value)}"


@operator("graph_flags", "create_graph/retain_graph flipped (or create_graph=True added)")
def graph_flags(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        for keyword in call.keywords:
            if keyword.arg in ("create_graph", "retain_graph"):
                found = _candidate(keyword, f"{keyword.arg} flipped",
                                   smap.replace(keyword.value, _flip(smap, keyword.value)))
                if found:
                    yield found
        if _name(call) in ("grad", "backward") and _keyword(call, "create_graph") is None:
            added = _candidate(call, f"create_graph=True added to {_name(call)}",
                               add_keyword(smap, call, "create_graph=True"))
            if added:
                yield added


# --- dtype and device -----------------------------------------------------------------------

@operator("float_inserted", ".float() inserted on a returned value")
def float_inserted(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for ret in _returns(tree):
        if isinstance(ret.value, TENSORISH):
            text = _wrap(smap.text(ret.value), ret.value)
            found = _candidate(ret.value, ".float() added to the result",
                               smap.replace(ret.value, f"{text}.float()"))
            if found:
                yield found


@operator("factory_kwarg_dropped", "the device= or dtype= argument of a call dropped")
def factory_kwarg_dropped(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        for keyword in call.keywords:
            if keyword.arg in ("device", "dtype"):
                found = _candidate(keyword, f"{keyword.arg}= dropped from {_name(call)}",
                                   remove_keyword(smap, call, keyword))
                if found:
                    yield found


@operator("device_move_removed", ".to(...)/.cuda()/.cpu() removed")
def device_move_removed(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        func = call.func
        if (isinstance(func, ast.Attribute) and func.attr in ("to", "cuda", "cpu")
                and not _is_function_call(call)):
            found = _candidate(call, f".{func.attr}(...) removed",
                               smap.replace(call, smap.text(func.value)))
            if found:
                yield found


@operator("unbiased", "unbiased/correction flipped (or correction=0 given to std/var)")
def unbiased(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for call in _calls(tree):
        keyword = _keyword(call, "unbiased", "correction")
        found: Candidate | None = None
        if keyword is not None and keyword.arg == "unbiased":
            found = _candidate(keyword, "unbiased flipped",
                               smap.replace(keyword.value, _flip(smap, keyword.value)))
        elif keyword is not None:
            value = _int_value(keyword.value)
            found = _candidate(keyword, "correction flipped",
                               smap.replace(keyword.value, "0" if value != 0 else "1"))
        elif _name(call) in ("std", "var", "std_mean", "var_mean"):
            found = _candidate(call, f"correction=0 given to {_name(call)}",
                               add_keyword(smap, call, "correction=0"))
        if found:
            yield found


# --- values ---------------------------------------------------------------------------------

@operator("compare", "comparison >= ↔ >, <= ↔ <")
def compare(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    swaps = {ast.GtE: (">=", ">"), ast.Gt: (">", ">="), ast.LtE: ("<=", "<"),
             ast.Lt: ("<", "<=")}
    for node in graded_nodes(tree):
        if not isinstance(node, ast.Compare):
            continue
        left: ast.AST = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if type(op) in swaps:
                old, new = swaps[type(op)]
                gap_start, gap_end = smap.span(left)[1], smap.span(right)[0]
                at = smap.source.find(old, gap_start, gap_end)
                if at >= 0:
                    found = _candidate(node, f"{old} → {new}", Edit(at, at + len(old), new))
                    if found:
                        yield found
            left = right


def _nudged(value: int | float) -> str:
    if isinstance(value, int):
        return {0: "1", 1: "0"}.get(value, str(value + 1))
    if value == 0.0:
        return "1.0"
    if value == 1.0:
        return "0.0"
    if abs(value) < 1e-2:
        return "0.0"
    return repr(value * 2)


@operator("constant", "a numeric constant nudged (1 ↔ 0, n → n+1, eps → 0, c → 2c)")
def constant(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        value = node.value if isinstance(node, ast.Constant) else None
        if type(value) in (int, float):
            assert isinstance(value, (int, float))
            found = _candidate(node, f"{value!r} → {_nudged(value)}",
                               smap.replace(node, _nudged(value)))
            if found:
                yield found


ARITH_SWAPS: dict[type, tuple[str, str]] = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"),
                                            ast.Mult: ("*", "/"), ast.Div: ("/", "*")}


def _op_offset(smap: SourceMap, start: int, end: int, token: str) -> int:
    """Offset of the operator ``token`` between two operands (not part of ``**``/``//``)."""
    at = smap.source.find(token, start, end)
    while at >= 0 and smap.source[at:at + 2] in ("**", "//"):
        at = smap.source.find(token, at + 2, end)
    return at


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant)
                                               and isinstance(node.value, (str, bytes)))


@operator("arith_swap", "an arithmetic operator swapped: + ↔ -, * ↔ / (also in +=, *=)")
def arith_swap(tree: ast.Module, smap: SourceMap) -> Iterator[Candidate]:
    for node in graded_nodes(tree):
        if isinstance(node, ast.BinOp) and type(node.op) in ARITH_SWAPS:
            if _is_text(node.left) or _is_text(node.right):
                continue  # building a message, not computing
            left, right = node.left, node.right
        elif isinstance(node, ast.AugAssign) and type(node.op) in ARITH_SWAPS:
            left, right = node.target, node.value
        else:
            continue
        old, new = ARITH_SWAPS[type(node.op)]
        at = _op_offset(smap, smap.span(left)[1], smap.span(right)[0], old)
        if at >= 0:
            found = _candidate(node, f"{old} → {new}", Edit(at, at + 1, new))
            if found:
                yield found
