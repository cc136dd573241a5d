"""flashpoint's exceptions: one tree, each with a stable code and a message that says
what to do next.

    FlashpointError                      every error the library raises on purpose
    ├── ConfigError          [E001]      a bad setting, option or config value
    ├── DictionaryError      [E002]      an actor/weapon/lexicon data file cannot be read
    ├── InputError           [E100]      one input item cannot be used (the run goes on)
    │   ├── InvalidJSONError     [E101]  a JSONL line that is not a JSON object
    │   ├── MissingFieldError    [E102]  no string "id" or "text"
    │   ├── EmptyDocumentError   [E103]  nothing but whitespace to read
    │   ├── BinaryInputError     [E104]  bytes that are not text
    │   ├── DocumentTooLargeError [E105] over the documented size limit
    │   ├── UnsupportedLanguageError [E106] a language without a pipeline
    │   ├── FetchError           [E107]  a URL or feed could not be fetched
    │   └── ParseError           [E108]  HTML / XML / feed that cannot be parsed
    ├── ProcessingError      [E200]      the pipeline failed on one document
    ├── GazetteerError       [E300]      the place index cannot be built or read
    └── StoreError           [E400]      the database cannot be opened or written
        └── StoreLockedError [E401]      another process holds the database

Input-level errors become the per-item ``error`` object of the contract
(``{"code": "E101", "message": …}``); the CLI turns the others into one readable line.
"""
from __future__ import annotations


class FlashpointError(Exception):
    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message if not hint else f"{message} ({hint})")

    def to_dict(self) -> dict:
        text = self.message if not self.hint else f"{self.message} ({self.hint})"
        return {"code": self.code, "message": text}


class ConfigError(FlashpointError):
    code = "E001"


class DictionaryError(FlashpointError):
    code = "E002"


class InputError(FlashpointError):
    code = "E100"


class InvalidJSONError(InputError):
    code = "E101"


class MissingFieldError(InputError):
    code = "E102"


class EmptyDocumentError(InputError):
    code = "E103"


class BinaryInputError(InputError):
    code = "E104"


class DocumentTooLargeError(InputError):
    code = "E105"


class UnsupportedLanguageError(InputError):
    code = "E106"


class FetchError(InputError):
    code = "E107"


class ParseError(InputError):
    code = "E108"


class ProcessingError(FlashpointError):
    code = "E200"


class GazetteerError(FlashpointError):
    code = "E300"


class StoreError(FlashpointError):
    code = "E400"


class StoreLockedError(StoreError):
    code = "E401"
