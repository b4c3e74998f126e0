"""One kind of error for bad content, which knows where in the input it was found."""


class ContentError(Exception):
    """Bad input, reported as one line: file, record (1-based index or line, and key), field, problem."""

    def __init__(self, message, *, path=None, index=None, key=None, field=None, unit="record"):
        super().__init__(message)
        self.message = message
        self.unit = unit
        self.path = path
        self.index = index
        self.key = key
        self.field = field

    def located(self, *, path=None, index=None, key=None, field=None):
        """Fill in whatever part of the location this error does not know yet."""
        self.path = self.path or path
        self.index = self.index or index
        self.key = self.key or key
        self.field = self.field or field
        return self

    def __str__(self):
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.index:
            parts.append(f'{self.unit} {self.index} (key "{self.key}")' if self.key else f"{self.unit} {self.index}")
        if self.field:
            parts.append(f'field "{self.field}"')
        parts.append(" ".join(str(self.message).split()))
        return ": ".join(parts)


class FieldError(ValueError):
    """A value of the wrong type or shape; `subfield` narrows it down (e.g. the language)."""

    def __init__(self, message, subfield=None):
        super().__init__(message)
        self.subfield = subfield
