"""One problem found by validation: which entity, which property, why, and where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Violation:
    """A shape result, an OWL inconsistency or a row of an integrity query."""

    kind: str  # shape, consistency or integrity
    entity: str
    message: str
    source: str  # the shape's IRI, or the name of the check
    property: str | None = None
    value: str | None = None
    label: str | None = None
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The violation as a JSON-ready mapping."""
        return {"kind": self.kind, "entity": self.entity, "label": self.label,
                "property": self.property, "value": self.value, "message": self.message,
                "source": self.source, "files": self.files}
