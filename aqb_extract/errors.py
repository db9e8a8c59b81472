"""Exceptions, each carrying the exit code and a one-sentence message that tells the user the fix.

Modelled on OCRmyPDF's ``ExitCodeException``: the CLI is the only place that turns these into exit
codes, and a per-file error (:class:`InputError`) only ever fails that file's record.
"""

from __future__ import annotations


class AqbError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with when this ends the whole run."""

    exit_code = 1

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


class UsageError(AqbError):
    exit_code = 2


class MissingDependencyError(AqbError):
    """A program the run needs (tesseract, pdftoppm) is not installed: nothing can be OCR'd."""

    exit_code = 2


class InputError(AqbError):
    """One input cannot be turned into a record; its record gets status ``failed``."""


class EmptyFileError(InputError):
    pass


class UnreadableFileError(InputError):
    pass


class UnsupportedFileError(InputError):
    pass


class MislabelledFileError(UnsupportedFileError):
    """The file's content is of another kind than its extension says (a PNG named ``.pdf``)."""


class CorruptFileError(InputError):
    pass


class EncryptedPdfError(InputError):
    pass


class DecompressionBombError(InputError):
    pass


class TooManyPagesError(InputError):
    pass


class OcrFailedError(InputError):
    pass


class NotAnAgreementError(InputError):
    """The input was read, but it is not an AQB target agreement. ``missing`` names what was
    looked for and not found, so the message says why."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            "not an AQB target agreement: no " + ", no ".join(missing) + " found", missing=missing
        )
