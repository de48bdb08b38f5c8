"""Reading the evaluation's input files and checking its output folder, with one-line errors.

``read_yaml`` and ``read_json`` turn any file (missing, a folder, binary junk, malformed,
nested too deeply, a YAML mapping with a repeated key) into data or an ``EvalError`` whose
one-line message names the file and what is wrong. ``check_writable_folder`` makes sure a
report can be written before the evaluation runs. What the data must look like is checked
by the callers (``questions.py``, ``report.py``); nothing here knows a schema.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import EvalError, UsageError


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


#: Larger input files are refused (the shipped question set is about 20 KB).
MAX_INPUT_BYTES = 16 * 1024 * 1024


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for quoting bad input in an error."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_text(path: Path, what: str) -> str:
    """The UTF-8 text of ``path``; ``what`` names the file in the error ("the question file")."""
    try:
        size = path.stat().st_size
        if not path.is_file():  # a folder, a FIFO, /dev/zero: nothing to read, or no end to it
            raise EvalError(f"Cannot read {what} {path}: it is not a regular file.")
        if size > MAX_INPUT_BYTES:
            raise EvalError(
                f"Cannot read {what} {path}: it has {size} bytes, more than the "
                f"{MAX_INPUT_BYTES} an evaluation input may have."
            )
        raw = path.read_bytes()
    except OSError as err:
        raise EvalError(f"Cannot read {what} {path}: {err.strerror or err}.") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EvalError(
            f"Cannot read {what} {path}: it is not UTF-8 text "
            f"(byte 0x{raw[err.start]:02x} at position {err.start})."
        ) from None


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a mapping with the same key twice (a silent override)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            try:
                repeated = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: SafeLoader's own error says so below
                continue
            if repeated:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is repeated", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


def _yaml_problem(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError) and err.problem_mark is not None:
        mark = err.problem_mark
        problem = err.problem or err.context or "malformed YAML"
        return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"
    return one_line(str(err))


def read_yaml(path: Path, what: str) -> Any:
    """The data of a YAML file (``None`` when it is empty)."""
    text = read_text(path, what)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as err:
        raise EvalError(f"Cannot read {what} {path}: {_yaml_problem(err)}.") from None
    except RecursionError:
        raise EvalError(f"Cannot read {what} {path}: it is nested too deeply.") from None


def read_json(path: Path, what: str) -> Any:
    """The data of a JSON file."""
    text = read_text(path, what)
    try:
        return json.loads(text)
    except ValueError as err:
        raise EvalError(f"Cannot read {what} {path}: {one_line(str(err))}.") from None
    except RecursionError:
        raise EvalError(f"Cannot read {what} {path}: it is nested too deeply.") from None


def check_writable_folder(path: Path, flag: str = "--out") -> None:
    """Create ``path`` if needed and write (then remove) a file in it, or raise ``UsageError``."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{flag} {path} is not a writable folder: it exists and is not a folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as err:
        raise UsageError(
            f"{flag} {path} is not a writable folder: {err.strerror or one_line(str(err))}."
        ) from None
