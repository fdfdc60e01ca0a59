"""Serialise ast.parse in scripts/ci/schemathesis's virtualenv (loaded by a .pth file).

CPython 3.11 keeps the AST constructor's recursion depth in one per-interpreter struct
(python/cpython#106905, fixed in later versions); a thread switch inside one thread's
ast.parse (a garbage collection running Python finalizers is enough) lets another thread's
parse change it, and the first fails with "SystemError: AST constructor recursion depth
mismatch". hypothesis parses source files to describe lambdas, and schemathesis runs it on
two threads (`--workers 2`).
"""

import ast
import threading

_LOCK = threading.RLock()
_PARSE = ast.parse


def parse(*args, **kwargs):
    with _LOCK:
        return _PARSE(*args, **kwargs)


parse.__doc__ = _PARSE.__doc__
ast.parse = parse
