"""The exceptions of ``ocop``: one base class and one subclass per category
of the library's errors (``ocop::Error::category``).

The native module builds them through :func:`_error`, so that a rejected
evaluation raises the same class with the same sentence, kind and record,
whichever function refused it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, Optional


class OcopError(Exception):
    """The library refused: an evaluation, an option, a criteria directory
    or a file.

    ``str(e)`` is the library's sentence, the one ``ocop`` prints.
    ``kind`` is the error's tag (``"missing_answer"``, ``"json"``, ...),
    ``error`` the error as data (``{"kind": ..., ...}``), ``record`` the
    error record the command writes for the evaluation's line (line 1), or
    None for an error that is not about one evaluation, and ``category``
    one of ``"data"``, ``"content"``, ``"syntax"``, ``"io"``, or None for a
    malformed argument of the package itself.

    >>> import ocop
    >>> try:
    ...     ocop.score('{"id": "P1", "set": ')
    ... except ocop.InputError as e:
    ...     print(e.kind, e.category, e.record["line"])
    json syntax 1
    """

    kind: str
    error: Dict[str, Any]
    record: Optional[Dict[str, Any]]
    category: Optional[str]

    def __init__(
        self,
        message: str,
        error: Optional[Dict[str, Any]] = None,
        record: Optional[Dict[str, Any]] = None,
        category: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.error = error if error is not None else {"kind": "unknown"}
        self.kind = self.error.get("kind", "unknown")
        self.record = record
        self.category = category


class DataError(OcopError):
    """The criteria data cannot score the evaluation: a set only inferred or
    from a weak source while those are off, tables not bundled, criteria
    files with problems. The fix is the data, or the option the message
    names."""


class InputError(OcopError):
    """The evaluation itself is wrong: its content or its syntax."""


class ContentError(InputError):
    """Well-formed input that says something the criteria do not allow: an
    unknown set, a missing answer, an option out of range, a bad plan
    target or costs."""


class FormatError(InputError):
    """Text that is not JSON or not an evaluation, a blank or too long
    line, a workbook's cells that do not hold an evaluation."""


class FileError(OcopError, OSError):
    """Reading or writing a file or folder failed."""


class ArgumentError(OcopError, ValueError):
    """A malformed argument of the package itself (options, steps, a path
    to write)."""


_CLASSES = {
    "data": DataError,
    "content": ContentError,
    "syntax": FormatError,
    "io": FileError,
}


def _load(text: Optional[str]) -> Optional[Dict[str, Any]]:
    if text is None:
        return None
    value: Dict[str, Any] = json.loads(text, parse_float=Decimal)
    return value


def _error(
    message: str,
    category: Optional[str],
    error: Optional[str],
    record: Optional[str],
) -> OcopError:
    """The exception for a failure of the native module."""
    rec = _load(record)
    err = rec["error"] if rec is not None else _load(error)
    cls = _CLASSES.get(category or "", ArgumentError if category is None else OcopError)
    return cls(message, err, rec, category)
