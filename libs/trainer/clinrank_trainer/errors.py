"""Errors that the CLI reports as one line on stderr with exit code 2."""


class UsageError(Exception):
    """A bad option, a bad input file line, or a missing optional dependency."""


class MissingDependency(UsageError):
    """An optional library (transformers, peft, accelerate) is not installed."""


def require_module(name: str, purpose: str):
    """Import `name` or raise MissingDependency explaining what needs it."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise MissingDependency(
            f"{purpose} needs the Python package '{name}', which is not installed "
            f"(pip install 'clinrank-trainer[hf]')"
        ) from error
