"""The one error raised when a practice file does not follow the exchange format."""


class PracticeFormatError(Exception):
    """A practice file is refused; `reason` is in French, for the people who wrote the file."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason if line is None else f"ligne {line} : {reason}")
        self.reason = reason
        self.line = line

    def located(self, filename: str) -> str:
        """The reason prefixed by the file name and, when known, the line: `file:line: reason`."""
        if self.line is None:
            return f"{filename}: {self.reason}"
        return f"{filename}:{self.line}: {self.reason}"
