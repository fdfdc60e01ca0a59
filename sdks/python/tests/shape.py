"""``conforms(value, T)``: a JSON value has exactly the shape of the SDK's type ``T`` (TypedDicts
with their required and optional keys and nothing else, unions, ``Literal``s, ``None``), so the
tests prove the typed event unions match the bodies the gateway really sends."""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict


def _fits(value: Any, tp: Any, where: str) -> str | None:
    """None when ``value`` fits ``tp``, else why not."""
    origin = get_origin(tp)
    if tp is Any:
        return None
    if is_typeddict(tp):
        if not isinstance(value, dict):
            return f"{where}: not an object"
        required, optional = set(tp.__required_keys__), set(tp.__optional_keys__)
        keys = set(value)
        if missing := required - keys:
            return f"{where}: missing {sorted(missing)}"
        if extra := keys - required - optional:
            return f"{where}: not in {tp.__name__}: {sorted(extra)}"
        hints = get_type_hints(tp)
        for k in sorted(keys):
            if why := _fits(value[k], hints[k], f"{where}.{k}"):
                return why
        return None
    if origin in (Union, types.UnionType):
        reasons = [_fits(value, arm, where) for arm in get_args(tp)]
        return None if any(r is None for r in reasons) else " / ".join(r for r in reasons if r)
    if origin is Literal:
        return None if value in get_args(tp) else f"{where}: {value!r} not one of {get_args(tp)}"
    if origin is dict:
        return None if isinstance(value, dict) else f"{where}: not an object"
    if tp is type(None):
        return None if value is None else f"{where}: {value!r} is not null"
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"{where}: {value!r} is not a number"
    ok = isinstance(value, bool) if tp is bool else isinstance(value, tp) and not isinstance(value, bool)
    return None if ok else f"{where}: {value!r} is not {getattr(tp, '__name__', tp)}"


def conforms(value: Any, tp: Any) -> None:
    """Asserts ``value`` has exactly the shape of ``tp``."""
    why = _fits(value, tp, "body")
    assert why is None, why
