#!/usr/bin/env python3
"""PyTorch float64 goldens for the Focal4J autodiff module.

Regenerate, from the repository root:

    /usr/bin/python3 tools/goldens/autodiff_goldens.py

Generated with torch 1.13.0a0 (Debian package python3-torch 1.13.1+dfsg-4), Python 3.11.2, on the CPU, in
float64, with the fixed seeds below: the output is deterministic. `mvn verify` never runs this script; it
reads the committed files

    autodiff/src/test/resources/goldens/autodiff_ops.json           every op: shapes, broadcasts, axes, ties
    autodiff/src/test/resources/goldens/autodiff_compositions.json  random expression trees over the ops

and PyTorchGoldenTest matches every value to 1e-10 relative: |java - torch| <= 1e-10 * max(1, |torch|), and
non-finite values (written as the strings "inf", "-inf", "nan") must be identical.

Format. Each file is {"torch": version, "cases": [case...]}; a case is
    {"id": str, "expr": node, "inputs": [{"shape": [...], "data": [...], "requiresGrad": bool}...],
     "upstream": [...], "output": {"shape": [...], "data": [...]}, "grads": [[...] or null per input]}
`upstream` is the random gradient fed into the output (row-major, the output's shape); `grads` are the
inputs' gradients (null for inputs that do not require grad: where-masks). Input values are rounded to 4
decimals so both languages parse them to the same double; outputs and gradients keep 15 significant digits.

An expression node is {"leaf": i} or {"op": name, "in": [nodes...], args...}. The op names are the Java
Tensor methods (scalar overloads take a "Scalar" suffix); the Java Interpreter (autodiff test sources) and
the OPS table below are the two halves of one mapping.

Semantics pinned here (where torch has a choice or differs on purpose):
  * max() over all elements is torch.max(x): the gradient is split evenly among tied maxima (amax does the
    same). max(axis, keepDim) is torch.max(x, dim, keepdim).values: the whole gradient goes to the first
    maximal index, which torch 1.13 returns on the CPU.
  * maximum/minimum split the gradient in half on ties; clamp passes the gradient at its bounds; abs'(0) = 0;
    relu'(0) = 0; pow: base gradient 0 where the exponent is 0, exponent gradient 0 at base 0 when the
    exponent is >= 0; sqrt'(0) = inf. All as torch; cases below place inputs exactly on those points.
  * softplus is compared with torch.logaddexp(x, 0), the exact log(1 + e^x). F.softplus's default
    threshold=20 returns x itself above 20, an error of up to 2e-9 that Focal4J does not copy.
  * heaviside/step: torch.heaviside has no derivative; Focal4J defines it as 0 (the hard-truncation weight
    takes no gradient), so the oracle is a custom autograd.Function with a zero backward.
  * dropout: torch draws masks from its own generator. This script reproduces java.util.SplittableRandom
    (seed) -> nextDouble() to build Focal4J's mask (keep iff u >= p, scale 1/(1-p)) and lets torch apply it.
  * gather needs index.shape == input.shape off the axis (torch allows smaller); only such cases appear.
  * logSumExp/softmax/logSoftmax use the max shift as torch does; inputs up to |x| = 1e4 are included.
"""

import json
import math
import os
import random

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
F64 = torch.float64
OPS_SEED = 20240611
COMPOSITION_SEED = 20240612
COMPOSITIONS = 50
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                       'autodiff', 'src', 'test', 'resources', 'goldens')


# ---------------------------------------------------------------------------------------------- the oracle

class Heaviside(torch.autograd.Function):
    """torch.heaviside with the zero derivative Focal4J defines (torch itself has none)."""

    @staticmethod
    def forward(ctx, x, value):
        return torch.heaviside(x, torch.tensor(value, dtype=x.dtype))

    @staticmethod
    def backward(ctx, g):
        return torch.zeros_like(g), None


class JavaSplittableRandom:
    """java.util.SplittableRandom(seed): nextLong = mix64(seed += GOLDEN_GAMMA); nextDouble = (nextLong >>> 11) * 2^-53."""
    M = (1 << 64) - 1

    def __init__(self, seed):
        self.seed = seed & self.M

    def next_double(self):
        self.seed = (self.seed + 0x9e3779b97f4a7c15) & self.M
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & self.M
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & self.M
        z ^= z >> 31
        return (z >> 11) * 2.0 ** -53


def dropout(n, x):
    p = n['p']
    rng = JavaSplittableRandom(n['seed'])
    scale = 1.0 / (1.0 - p)
    mask = [scale if rng.next_double() >= p else 0.0 for _ in range(x.numel())]
    return x * torch.tensor(mask, dtype=F64).reshape(x.shape)


def reduction(fn_all, fn_axis):
    return lambda n, x: fn_axis(x, n['axis'], n['keepDim']) if 'axis' in n else fn_all(x)


OPS = {
    'add': lambda n, a, b: a + b,
    'sub': lambda n, a, b: a - b,
    'mul': lambda n, a, b: a * b,
    'div': lambda n, a, b: a / b,
    'pow': lambda n, a, b: torch.pow(a, b),
    'maximum': lambda n, a, b: torch.maximum(a, b),
    'minimum': lambda n, a, b: torch.minimum(a, b),
    'addScalar': lambda n, a: a + n['c'],
    'subScalar': lambda n, a: a - n['c'],
    'rsubScalar': lambda n, a: n['c'] - a,
    'mulScalar': lambda n, a: a * n['c'],
    'divScalar': lambda n, a: a / n['c'],
    'powScalar': lambda n, a: torch.pow(a, n['c']),
    'where': lambda n, m, a, b: torch.where(m != 0, a, b),
    'neg': lambda n, a: -a,
    'exp': lambda n, a: torch.exp(a),
    'log': lambda n, a: torch.log(a),
    'log1p': lambda n, a: torch.log1p(a),
    'sqrt': lambda n, a: torch.sqrt(a),
    'abs': lambda n, a: torch.abs(a),
    'tanh': lambda n, a: torch.tanh(a),
    'sigmoid': lambda n, a: torch.sigmoid(a),
    'logSigmoid': lambda n, a: F.logsigmoid(a),
    'softplus': lambda n, a: torch.logaddexp(a, torch.zeros_like(a)),
    'relu': lambda n, a: torch.relu(a),
    'step': lambda n, a: Heaviside.apply(a, 0.0),
    'heaviside': lambda n, a: Heaviside.apply(a, n['value']),
    'clamp': lambda n, a: torch.clamp(a, n['min'], n['max']),
    'sum': reduction(torch.sum, lambda x, d, k: torch.sum(x, d, k)),
    'mean': reduction(torch.mean, lambda x, d, k: torch.mean(x, d, k)),
    'max': reduction(torch.max, lambda x, d, k: torch.max(x, d, k).values),
    'logSumExp': lambda n, a: torch.logsumexp(a, n['axis'], n['keepDim']),
    'softmax': lambda n, a: torch.softmax(a, n['axis']),
    'logSoftmax': lambda n, a: torch.log_softmax(a, n['axis']),
    'matmul': lambda n, a, b: torch.matmul(a, b),
    'permute': lambda n, a: a.permute(tuple(n['axes'])),
    'transpose': lambda n, a: a.transpose(n['axis0'], n['axis1']),
    'reshape': lambda n, a: a.reshape(n['shape']),
    'unsqueeze': lambda n, a: torch.unsqueeze(a, n['axis']),
    'squeeze': lambda n, a: torch.squeeze(a, n['axis']),
    'slice': lambda n, a: torch.narrow(a, n['axis'], n['start'], n['end'] - n['start']),
    'concat': lambda n, *xs: torch.cat(xs, n['axis']),
    'stack': lambda n, *xs: torch.stack(xs, n['axis']),
    'indexSelect': lambda n, a: torch.index_select(a, n['axis'], torch.tensor(n['indices'], dtype=torch.long)),
    'gather': lambda n, a: torch.gather(a, n['axis'], torch.tensor(n['index']['data'], dtype=torch.long)
                                        .reshape(n['index']['shape'])),
    'dropout': dropout,
    'detach': lambda n, a: a.detach(),
}


def evaluate(node, leaves):
    if 'leaf' in node:
        return leaves[node['leaf']]
    return OPS[node['op']](node, *[evaluate(c, leaves) for c in node['in']])


# ---------------------------------------------------------------------------------------------- JSON

def num(x):
    x = float(x)
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return float('%.15g' % x)


def nums(t):
    return [num(v) for v in t.detach().reshape(-1).tolist()]


def op(name, *children, **args):
    node = {'op': name, 'in': list(children)}
    node.update(args)
    return node


def leaf(i):
    return {'leaf': i}


class Inputs:
    """The leaves of one case: values (rounded to 4 decimals) and whether each requires grad."""

    def __init__(self, rnd):
        self.rnd = rnd
        self.specs = []

    def add(self, shape, values, grad=True):
        self.specs.append({'shape': list(shape), 'data': [round(float(v), 4) for v in values], 'requiresGrad': grad})
        return leaf(len(self.specs) - 1)

    def new(self, shape, domain='normal', grad=True):
        return self.add(shape, values(self.rnd, numel(shape), domain), grad)

    def tensors(self):
        return [torch.tensor(s['data'], dtype=F64).reshape(s['shape']).requires_grad_(s['requiresGrad'])
                for s in self.specs]


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def values(rnd, n, domain):
    if domain == 'distinct':
        grid = [(i - n / 2.0) * 0.1 + rnd.uniform(0, 0.02) for i in range(n)]
        rnd.shuffle(grid)
        return grid
    lo, hi = {'normal': (-2, 2), 'wide': (-6, 6), 'pos': (0.2, 3), 'gt-1': (-0.8, 3), 'moderate': (-3, 3)}.get(
        domain, (None, None))
    if lo is not None:
        return [rnd.uniform(lo, hi) for _ in range(n)]
    if domain == 'away0':
        return [rnd.choice((-1, 1)) * rnd.uniform(0.05, 2) for _ in range(n)]
    if domain == 'den':
        return [rnd.choice((-1, 1)) * rnd.uniform(0.5, 2) for _ in range(n)]
    raise ValueError(domain)


def run_case(case_id, expr, inputs, rnd):
    """Evaluates with torch and returns the JSON case, or None if the output or a gradient is not wanted."""
    leaves = inputs.tensors()
    out = evaluate(expr, leaves)
    upstream = [rnd.choice((-1, 1)) * round(rnd.uniform(0.1, 1), 4) for _ in range(out.numel())]
    up = torch.tensor(upstream, dtype=F64).reshape(out.shape)
    wanted = [t for t in leaves if t.requires_grad]
    if out.requires_grad and wanted:
        grads = torch.autograd.grad(out, wanted, up, allow_unused=True)
    else:
        grads = [None] * len(wanted)
    it = iter(grads)
    grad_json = []
    for t in leaves:
        if not t.requires_grad:
            grad_json.append(None)
            continue
        g = next(it)
        grad_json.append(nums(g if g is not None else torch.zeros_like(t)))
    return {'id': case_id, 'expr': expr, 'inputs': inputs.specs, 'upstream': upstream,
            'output': {'shape': list(out.shape), 'data': nums(out)}, 'grads': grad_json}


# ---------------------------------------------------------------------------------------------- per-op cases

BROADCASTS = [((2, 3), (2, 3)), ((), (2, 3)), ((2, 3), ()), ((4,), (3, 4)), ((3, 1), (1, 4)),
              ((2, 1, 3), (4, 1)), ((2, 3, 1, 2), (3, 4, 1)), ((1,), ()), ((0, 3), (1, 3))]
UNARY_SHAPES = [(), (5,), (2, 3), (2, 1, 2, 2)]
UNARY_DOMAIN = {'neg': 'normal', 'exp': 'moderate', 'log': 'pos', 'log1p': 'gt-1', 'sqrt': 'pos', 'abs': 'away0',
                'tanh': 'wide', 'sigmoid': 'wide', 'logSigmoid': 'wide', 'softplus': 'wide', 'relu': 'away0',
                'step': 'away0'}
SATURATING = [-1e4, -50.0, -20.0, -1e-8, 0.0, 20.0, 50.0, 1e4]
SPECIAL_POINTS = {
    'exp': [-745.0, -700.0, 0.0, 700.0],
    'log': [0.0, 1e-300, 1.0, 1e300],
    'log1p': [-0.9999, -1e-10, 0.0, 1e-10, 1e4],
    'sqrt': [0.0, 1e-300, 4.0],
    'abs': [-1.0, 0.0, 1.0], 'relu': [-1.0, 0.0, 1.0], 'step': [-1.0, 0.0, 1.0],
    'tanh': SATURATING, 'sigmoid': SATURATING, 'logSigmoid': SATURATING, 'softplus': SATURATING,
}


def op_cases(rnd):
    cases = []

    def case(name, build):
        inputs = Inputs(rnd)
        expr = build(inputs)
        cases.append(run_case('%s/%d' % (name, sum(1 for c in cases if c['id'].startswith(name + '/'))),
                              expr, inputs, rnd))

    for name, da, db in [('add', 'normal', 'normal'), ('sub', 'normal', 'normal'), ('mul', 'normal', 'normal'),
                         ('div', 'normal', 'den'), ('pow', 'pos', 'normal')]:
        for sa, sb in BROADCASTS:
            case(name, lambda i: op(name, i.new(sa, da), i.new(sb, db)))
        case(name, lambda i: (lambda x: op(name, x, x))(i.new((2, 3), 'pos')))
    for name in ('maximum', 'minimum'):
        for sa, sb in BROADCASTS:
            def distinct(i, sa=sa, sb=sb):
                v = values(rnd, numel(sa) + numel(sb), 'distinct')
                return op(name, i.add(sa, v[:numel(sa)]), i.add(sb, v[numel(sa):]))
            case(name, distinct)
        case(name, lambda i: op(name, i.add((3,), [1, 2, 3]), i.add((3,), [1, 1, 4])))  # a tie
        case(name, lambda i: (lambda x: op(name, x, x))(i.new((2, 2))))  # ties everywhere
    # pow at base 0 (exponents 0, 2, -1) and at a negative base (no exponent gradient: nan, as torch).
    case('pow', lambda i: op('pow', i.add((4,), [0, 0, 0, 2]), i.add((4,), [0, 2, -1, 0])))
    case('pow', lambda i: op('pow', i.add((2,), [-2, 3]), i.add((2,), [2, 2])))

    for name in ('addScalar', 'subScalar', 'rsubScalar', 'mulScalar', 'divScalar'):
        for shape in [(), (3,), (2, 3, 2)]:
            c = round(rnd.choice((-1, 1)) * rnd.uniform(0.5, 2), 4)
            case(name, lambda i: op(name, i.new(shape), c=c))
    for c, domain in [(2.0, 'normal'), (3.0, 'normal'), (0.0, 'normal'), (-1.0, 'away0'), (-2.0, 'away0'),
                      (0.5, 'pos'), (1.5, 'pos'), (-0.5, 'pos'), (0.3333, 'pos')]:
        case('powScalar', lambda i: op('powScalar', i.new((2, 3), domain), c=c))
    for c in (0.0, 0.5, 1.0, 2.0, -1.0):
        case('powScalar', lambda i: op('powScalar', i.add((3,), [0, 1, 2]), c=c))

    for ms, sa, sb in [((2, 3), (2, 3), (2, 3)), ((3,), (2, 3), ()), ((2, 1), (1, 3), (2, 3)), ((), (2, 2), (2,))]:
        def where(i, ms=ms, sa=sa, sb=sb):
            mask = i.add(ms, [rnd.choice((0, 1)) for _ in range(numel(ms))], grad=False)
            return op('where', mask, i.new(sa), i.new(sb))
        case('where', where)
    case('where', lambda i: (lambda m, x: op('where', m, x, x))(i.add((3,), [1, 0, 1], grad=False), i.new((3,))))

    for name, domain in UNARY_DOMAIN.items():
        for shape in UNARY_SHAPES:
            case(name, lambda i: op(name, i.new(shape, domain)))
        if name in SPECIAL_POINTS:
            pts = SPECIAL_POINTS[name]
            case(name, lambda i: op(name, i.add((len(pts),), pts)))
    for shape in UNARY_SHAPES:
        case('heaviside', lambda i: op('heaviside', i.new(shape, 'away0'), value=0.5))
    case('heaviside', lambda i: op('heaviside', i.add((3,), [-1, 0, 1]), value=0.5))
    case('heaviside', lambda i: op('heaviside', i.add((3,), [-1, 0, 1]), value=0.0))
    for lo, hi in [(-0.5, 0.5), (0.0, 1.0), (-1.0, -1.0)]:
        case('clamp', lambda i: op('clamp', i.new((2, 3, 2)), min=lo, max=hi))
    case('clamp', lambda i: op('clamp', i.add((5,), [-1, 0, 0.5, 1, 2]), min=0.0, max=1.0))  # at the bounds

    for name, domain in [('sum', 'normal'), ('mean', 'normal'), ('max', 'distinct')]:
        for shape in [(), (4,), (2, 3), (2, 1, 3, 2)]:
            case(name, lambda i: op(name, i.new(shape, domain)))
        for shape, axis, keep in [((2, 3, 4), 0, False), ((2, 3, 4), 1, True), ((2, 3, 4), -1, False),
                                  ((2, 3, 4), -1, True), ((2, 1, 3, 2), -2, False), ((2, 1, 3, 2), 1, True),
                                  ((5,), 0, False), ((5,), -1, True)]:
            case(name, lambda i: op(name, i.new(shape, domain), axis=axis, keepDim=keep))
    ties = [1, 3, 3, 2, 2, 0]
    case('max', lambda i: op('max', i.add((2, 3), ties)))  # torch.max(x): split evenly
    case('max', lambda i: op('max', i.add((2, 3), ties), axis=1, keepDim=False))  # the first maximal index
    case('max', lambda i: op('max', i.add((2, 3), ties), axis=0, keepDim=True))
    case('max', lambda i: op('max', i.add((2, 2), [5, 5, 5, 5])))

    huge = [1e4, 1e4 - 1, 0, -1e4, 1e-300, 5e3, 5e3, -5e3]
    for name in ('logSumExp', 'softmax', 'logSoftmax'):
        keeps = [False, True] if name == 'logSumExp' else [None]
        for keep in keeps:
            kw = {} if keep is None else {'keepDim': keep}
            for shape, axis in [((5,), 0), ((2, 3, 4), 1), ((2, 3, 4), -1), ((2, 1, 3, 2), -3), ((3, 2), 0)]:
                case(name, lambda i: op(name, i.new(shape, 'wide'), axis=axis, **kw))
            case(name, lambda i: op(name, i.add((2, 4), huge), axis=-1, **kw))

    for sa, sb in [((3, 4), (4, 2)), ((1, 1), (1, 1)), ((1, 5), (5, 1)), ((2, 3, 4), (2, 4, 5)), ((2, 3, 4), (4, 5))]:
        case('matmul', lambda i: op('matmul', i.new(sa), i.new(sb)))
    for shape in [(3, 3), (2, 3, 3)]:
        case('matmul', lambda i: (lambda x: op('matmul', x, x))(i.new(shape)))

    for shape, axes in [((2, 3, 4), [2, 0, 1]), ((2, 3, 4), [-1, 0, -2]), ((2, 1, 3, 2), [3, 1, 0, 2]), ((), []),
                        ((3,), [0])]:
        case('permute', lambda i: op('permute', i.new(shape), axes=axes))
    for shape, a0, a1 in [((2, 3), 0, 1), ((2, 3, 4), -1, 0), ((2, 3), 1, 1)]:
        case('transpose', lambda i: op('transpose', i.new(shape), axis0=a0, axis1=a1))
    for shape, target in [((2, 3, 4), [4, -1]), ((6,), [2, 1, 3]), ((2, 3), [6]), ((), [1, 1]), ((1,), []),
                          ((2, 3, 2), [-1])]:
        case('reshape', lambda i: op('reshape', i.new(shape), shape=target))
    for shape, axis in [((2, 3), 0), ((2, 3), -1), ((2, 3), 1), ((), 0), ((2, 3, 2), -4)]:
        case('unsqueeze', lambda i: op('unsqueeze', i.new(shape), axis=axis))
    for shape, axis in [((2, 1, 3), 1), ((2, 1, 3), -2), ((1,), 0), ((1, 2, 2, 1), -1)]:
        case('squeeze', lambda i: op('squeeze', i.new(shape), axis=axis))
    for shape, axis, start, end in [((5,), 0, 1, 4), ((2, 3, 4), 1, 0, 2), ((2, 3, 4), -1, 2, 4), ((4, 2), 0, 2, 2),
                                    ((2, 3), 1, 0, 3)]:
        case('slice', lambda i: op('slice', i.new(shape), axis=axis, start=start, end=end))
    for shapes, axis in [([(2, 3), (1, 3), (3, 3)], 0), ([(2, 1), (2, 3)], -1), ([(2, 2, 2)], 1),
                         ([(1, 2, 1, 2), (1, 2, 2, 2)], 2)]:
        case('concat', lambda i: op('concat', *[i.new(s) for s in shapes], axis=axis))
    case('concat', lambda i: (lambda x: op('concat', x, x, axis=1))(i.new((2, 3))))
    for shape, count, axis in [((2, 3), 3, 0), ((3,), 2, -1), ((), 3, 0), ((2, 1, 2), 2, 3)]:
        case('stack', lambda i: op('stack', *[i.new(shape) for _ in range(count)], axis=axis))
    case('stack', lambda i: (lambda x: op('stack', x, x, axis=1))(i.new((2, 3))))
    for shape, axis, idx in [((4, 3), 0, [3, 0, 3, 1]), ((4, 3), -1, [2, 2]), ((4, 3), 0, []),
                             ((2, 3, 4), 1, [1]), ((5,), 0, [4, 4, 0])]:
        case('indexSelect', lambda i: op('indexSelect', i.new(shape), axis=axis, indices=idx))
    for shape, axis, ishape in [((3, 4), 1, (3, 2)), ((3, 4), 0, (2, 4)), ((2, 3, 4), -1, (2, 3, 1)),
                                ((2, 3, 4), 1, (2, 5, 4))]:
        def gather(i, shape=shape, axis=axis, ishape=ishape):
            size = shape[axis]
            index = {'shape': list(ishape), 'data': [rnd.randrange(size) for _ in range(numel(ishape))]}
            return op('gather', i.new(shape), axis=axis, index=index)
        case('gather', gather)
    for shape, p, seed in [((2, 3, 4), 0.5, 7), ((10,), 0.0, 1), ((3, 3), 0.9, 1), ((), 0.3, 5)]:
        case('dropout', lambda i: op('dropout', i.new(shape), p=p, seed=seed))
    case('detach', lambda i: (lambda x: op('mul', x, op('detach', x)))(i.new((2, 3))))
    case('detach', lambda i: (lambda x: op('add', op('exp', op('detach', x)), op('mulScalar', x, c=2.0)))(
        i.new((3,))))
    return cases


# ---------------------------------------------------------------------------------------------- compositions

class Retry(Exception):
    pass


UNARY_ANY = ['neg', 'exp', 'abs', 'tanh', 'sigmoid', 'logSigmoid', 'softplus', 'relu', 'log', 'log1p', 'sqrt',
             'addScalar', 'subScalar', 'rsubScalar', 'mulScalar', 'divScalar', 'powScalar', 'clamp', 'dropout']
BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']
SHAPE_OPS = ['sum', 'mean', 'max', 'logSumExp', 'softmax', 'logSoftmax', 'matmul', 'permute', 'transpose', 'reshape',
             'unsqueeze', 'squeeze', 'slice', 'concat', 'stack', 'indexSelect', 'gather', 'where', 'step',
             'heaviside', 'detach']
KINKED = {'abs': [0.0], 'relu': [0.0], 'step': [0.0], 'heaviside': [0.0]}


class Composer:
    """Builds a random expression tree top-down: gen(depth, shape) returns a node whose value has that shape."""

    def __init__(self, rnd):
        self.rnd = rnd
        self.inputs = Inputs(rnd)
        self.by_shape = {}

    def value(self, node):
        with torch.no_grad():
            return evaluate(node, self.inputs.tensors())

    def leaf(self, shape):
        shape = tuple(shape)
        if self.by_shape.get(shape) and self.rnd.random() < 0.3:
            return self.rnd.choice(self.by_shape[shape])  # reuse: gradients from several uses must add up
        node = self.inputs.new(shape, 'normal')
        self.by_shape.setdefault(shape, []).append(node)
        return node

    def gen(self, depth, shape):
        shape = list(shape)
        if depth <= 0 or self.rnd.random() < 0.12:
            return self.leaf(shape)
        r = self.rnd
        for _ in range(20):
            kind = r.random()
            name = r.choice(UNARY_ANY if kind < 0.35 else BINARY if kind < 0.6 else SHAPE_OPS)
            node = self.try_op(name, depth, shape)
            if node is not None:
                return node
        return self.leaf(shape)

    def positive(self, node, floor):
        """node, or softplus(node) + floor when node has values below floor (domain of log, sqrt, pow, div)."""
        if float(self.value(node).min()) >= floor:
            return node
        return op('addScalar', op('softplus', node), c=floor)

    def away_from_kinks(self, node, kinks):
        v = self.value(node)
        for k in kinks:
            d = (v - k).abs()
            if bool(((d > 0) & (d < 1e-6)).any()):
                raise Retry()
        return node

    def try_op(self, name, depth, shape):
        r = self.rnd
        rank = len(shape)
        sub = depth - 1
        if name in UNARY_ANY:
            child = self.gen(sub, shape)
            if name in ('log', 'sqrt'):
                return op(name, self.positive(child, 0.1))
            if name == 'log1p':
                return op(name, self.positive(child, -0.9))
            if name == 'exp':
                return op(name, child if float(self.value(child).max()) < 5 else op('tanh', child))
            if name in ('addScalar', 'subScalar', 'rsubScalar', 'mulScalar'):
                return op(name, child, c=round(r.uniform(-2, 2), 4))
            if name == 'divScalar':
                return op(name, child, c=round(r.choice((-1, 1)) * r.uniform(0.5, 2), 4))
            if name == 'powScalar':
                c = r.choice([2.0, 3.0, 0.5, 1.5, -1.0])
                base = self.positive(child, 0.2) if c != int(c) or c < 0 else child
                return op(name, base, c=c)
            if name == 'clamp':
                lo = round(r.uniform(-1.5, 0.5), 4)
                hi = round(lo + r.uniform(0.2, 2), 4)
                return op(name, self.away_from_kinks(child, [lo, hi]), min=lo, max=hi)
            if name == 'dropout':
                return op(name, child, p=r.choice([0.2, 0.5]), seed=r.randrange(1000))
            if name in KINKED:
                return op(name, self.away_from_kinks(child, KINKED[name]))
            return op(name, child)
        if name in BINARY:
            other = list(shape)
            for j in range(len(other)):
                if r.random() < 0.3:
                    other[j] = 1
            other = other[r.randrange(len(other) + 1):] if r.random() < 0.4 else other
            a = self.gen(sub, shape)
            b = self.gen(sub - 1, other)
            if name == 'div':
                b = self.positive(b, 0.5)
            if name == 'pow':
                a = self.positive(a, 0.2)
                b = op('tanh', b)  # exponents in (-1, 1): no overflow
            if name in ('maximum', 'minimum'):
                va, vb = self.value(a), self.value(b)
                d = (va - vb).abs()
                if bool(((d > 0) & (d < 1e-6)).any()):
                    raise Retry()
            return op(name, a, b) if r.random() < 0.5 or name in ('div', 'pow') else op(name, b, a)
        if name == 'where':
            mshape = shape[r.randrange(rank + 1):]
            mask = self.inputs.add(mshape, [r.choice((0, 1)) for _ in range(numel(mshape))], grad=False)
            return op('where', mask, self.gen(sub, shape), self.gen(sub - 1, shape[r.randrange(rank + 1):]))
        if name in ('step', 'heaviside'):
            # The step as a weight, as in hard truncation: x * step(y).
            w = self.away_from_kinks(self.gen(sub - 1, shape), [0.0])
            s = op('step', w) if name == 'step' else op('heaviside', w, value=0.5)
            return op('mul', self.gen(sub, shape), s)
        if name == 'detach':
            x = self.gen(sub, shape)
            return op('mul', x, op('detach', x))
        if name in ('sum', 'mean', 'max', 'logSumExp'):
            if rank == 0 and name != 'logSumExp' and r.random() < 0.5:
                child = self.gen(sub, random_shape(r, 1, 3))
                return op(name, self.max_ties_ok(child, name))
            keep = r.random() < 0.5
            if keep:
                ones = [j for j in range(rank) if shape[j] == 1]
                if not ones:
                    return None
                a = r.choice(ones)
                cs = list(shape)
                cs[a] = r.randint(1, 3)
            else:
                if rank >= 4:
                    return None
                a = r.randrange(rank + 1)
                cs = shape[:a] + [r.randint(1, 3)] + shape[a:]
            child = self.gen(sub, cs)
            axis = a - len(cs) if r.random() < 0.5 else a
            return op(name, self.max_ties_ok(child, name), axis=axis, keepDim=keep)
        if name in ('softmax', 'logSoftmax'):
            if rank == 0:
                return None
            return op(name, self.gen(sub, shape), axis=r.randrange(-rank, rank))
        if name == 'matmul':
            if rank not in (2, 3):
                return None
            k = r.randint(1, 3)
            if rank == 2:
                return op('matmul', self.gen(sub, [shape[0], k]), self.gen(sub - 1, [k, shape[1]]))
            if r.random() < 0.5:
                return op('matmul', self.gen(sub, [shape[0], shape[1], k]), self.gen(sub - 1, [k, shape[2]]))
            return op('matmul', self.gen(sub, [shape[0], shape[1], k]), self.gen(sub - 1, [shape[0], k, shape[2]]))
        if name == 'permute':
            perm = list(range(rank))
            r.shuffle(perm)
            cs = [0] * rank
            for i, p in enumerate(perm):
                cs[p] = shape[i]
            return op('permute', self.gen(sub, cs), axes=[p - rank if r.random() < 0.3 else p for p in perm])
        if name == 'transpose':
            if rank < 2:
                return None
            a0, a1 = r.sample(range(rank), 2)
            cs = list(shape)
            cs[a0], cs[a1] = cs[a1], cs[a0]
            return op('transpose', self.gen(sub, cs), axis0=a0, axis1=a1 - rank)
        if name == 'reshape':
            cs = list(reversed(shape)) if rank > 1 else [numel(shape)] if rank == 0 else [1, shape[0]]
            target = list(shape)
            if rank and r.random() < 0.5:
                target[r.randrange(rank)] = -1
            return op('reshape', self.gen(sub, cs), shape=target)
        if name == 'unsqueeze':
            ones = [j for j in range(rank) if shape[j] == 1]
            if not ones:
                return None
            a = r.choice(ones)
            return op('unsqueeze', self.gen(sub, shape[:a] + shape[a + 1:]), axis=a)
        if name == 'squeeze':
            if rank >= 4:
                return None
            a = r.randrange(rank + 1)
            return op('squeeze', self.gen(sub, shape[:a] + [1] + shape[a:]), axis=a)
        if name == 'slice':
            if rank == 0:
                return None
            a = r.randrange(rank)
            extra = r.randint(1, 2)
            start = r.randint(0, extra)
            cs = list(shape)
            cs[a] += extra
            return op('slice', self.gen(sub, cs), axis=a, start=start, end=start + shape[a])
        if name == 'concat':
            splittable = [j for j in range(rank) if shape[j] >= 2]
            if not splittable:
                return None
            a = r.choice(splittable)
            cut = r.randint(1, shape[a] - 1)
            s1, s2 = list(shape), list(shape)
            s1[a], s2[a] = cut, shape[a] - cut
            return op('concat', self.gen(sub, s1), self.gen(sub - 1, s2), axis=a - rank if r.random() < 0.5 else a)
        if name == 'stack':
            if rank == 0 or shape[0] > 3:
                return None
            a = r.randrange(rank)
            part = shape[:a] + shape[a + 1:]
            return op('stack', *[self.gen(sub - 1, part) for _ in range(shape[a])], axis=a)
        if name in ('indexSelect', 'gather'):
            if rank == 0:
                return None
            a = r.randrange(rank)
            k = r.randint(1, 3)
            cs = list(shape)
            cs[a] = k
            child = self.gen(sub, cs)
            if name == 'indexSelect':
                return op('indexSelect', child, axis=a, indices=[r.randrange(k) for _ in range(shape[a])])
            index = {'shape': list(shape), 'data': [r.randrange(k) for _ in range(numel(shape))]}
            return op('gather', child, axis=a - rank, index=index)
        raise ValueError(name)

    def max_ties_ok(self, child, name):
        if name != 'max':
            return child
        v = self.value(child).reshape(-1).tolist()
        for i in range(len(v)):
            for j in range(i):
                if 0 < abs(v[i] - v[j]) < 1e-6:
                    raise Retry()
        return child


def random_shape(r, lo, hi):
    return [r.randint(1, 3) for _ in range(r.randint(lo, hi))]


def count_ops(node):
    if 'leaf' in node:
        return 0
    return 1 + sum(count_ops(c) for c in node['in'])


def compositions(rnd):
    cases = []
    while len(cases) < COMPOSITIONS:
        c = Composer(rnd)
        try:
            expr = c.gen(rnd.randint(4, 6), random_shape(rnd, 0, 3))
        except Retry:
            continue
        if count_ops(expr) < 5 or len(c.inputs.specs) > 10:
            continue
        case = run_case('composition/%d' % len(cases), expr, c.inputs, rnd)
        flat = case['output']['data'] + [v for g in case['grads'] if g for v in g]
        if any(isinstance(v, str) or abs(v) > 1e6 for v in flat):
            continue  # keep the trees numerically tame: no overflow, nothing huge
        cases.append(case)
    return cases


def write(name, cases):
    path = os.path.join(OUT_DIR, name)
    with open(path, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    print('%s: %d cases, %d bytes' % (os.path.relpath(path), len(cases), os.path.getsize(path)))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write('autodiff_ops.json', op_cases(random.Random(OPS_SEED)))
    write('autodiff_compositions.json', compositions(random.Random(COMPOSITION_SEED)))


if __name__ == '__main__':
    main()
