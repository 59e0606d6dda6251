"""What a demo load created and what it found already there, area by area, for the summary."""

from dataclasses import dataclass, field


@dataclass
class Tally:
    created: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def count(self, area: str, created: bool) -> None:
        counter = self.created if created else self.present
        self.created.setdefault(area, 0)
        self.present.setdefault(area, 0)
        counter[area] += 1

    def lines(self) -> list[str]:
        return [
            f"{area}: {self.created[area]} created, {self.present[area]} already present"
            for area in self.created
        ]
