"""Risk scoring: likelihood x impact on 1-5 scales, and bands each council defines by score.

A band is the lowest score it starts at and its name; ``RiskBands`` picks, for a score, the band
with the highest threshold at or below it. Dorset, for example, calls a score of 15 or more high.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

SCALE = range(1, 6)
MIN_SCORE = 1
MAX_SCORE = 25


class RiskError(ValueError):
    """A likelihood, impact, score or set of bands that cannot be used."""


def check_rating(value: int, *, what: str) -> int:
    """Return ``value`` if it is a whole number from 1 to 5, else raise ``RiskError``."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise RiskError(f"{what} must be a whole number from 1 to 5, not {value!r}")
    if isinstance(value, Decimal) and value != value.to_integral_value():
        raise RiskError(f"{what} must be a whole number from 1 to 5, not {value}")
    number = int(value)
    if number not in SCALE:
        raise RiskError(f"{what} must be from 1 to 5, not {number}")
    return number


def score(likelihood: int, impact: int) -> int:
    """Likelihood x impact: ``score(4, 4)`` is 16."""
    return check_rating(likelihood, what="Likelihood") * check_rating(impact, what="Impact")


def review_overdue(review_on: date | None, *, today: date, is_open: bool = True) -> bool:
    """Whether a risk's review is overdue: it is open and its review date is before ``today``.
    A review due today is not yet overdue; a closed risk, or one with no review date, never is."""
    return is_open and review_on is not None and review_on < today


@dataclass(frozen=True, order=True)
class Band:
    """A named band that starts at ``min_score`` (inclusive)."""

    min_score: int
    name: str


@dataclass(frozen=True)
class RiskBands:
    """A council's bands, lowest first. The lowest band must start at score 1."""

    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        if not self.bands:
            raise RiskError("Define at least one risk band")
        ordered = tuple(sorted(self.bands))
        if ordered[0].min_score != MIN_SCORE:
            raise RiskError(
                f"The lowest risk band must start at score {MIN_SCORE}, not {ordered[0].min_score}"
            )
        starts = [band.min_score for band in ordered]
        if len(set(starts)) != len(starts):
            raise RiskError("Two risk bands start at the same score")
        names = [band.name for band in ordered]
        if len(set(names)) != len(names):
            raise RiskError("Two risk bands have the same name")
        for band in ordered:
            if not MIN_SCORE <= band.min_score <= MAX_SCORE:
                raise RiskError(
                    f'Band "{band.name}" starts at {band.min_score}: scores run from 1 to 25'
                )
        object.__setattr__(self, "bands", ordered)

    @classmethod
    def from_thresholds(cls, thresholds: dict[str, int]) -> RiskBands:
        """Build from ``{"low": 1, "medium": 5, "high": 15}``."""
        return cls(tuple(Band(min_score=start, name=name) for name, start in thresholds.items()))

    @property
    def names(self) -> tuple[str, ...]:
        """Band names, lowest first."""
        return tuple(band.name for band in self.bands)

    def band_for_score(self, value: int) -> str:
        """The name of the band a score falls in."""
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 25:
            raise RiskError(f"A risk score runs from 1 to 25, not {value!r}")
        chosen = self.bands[0]
        for band in self.bands:
            if band.min_score <= value:
                chosen = band
        return chosen.name

    def band_for(self, likelihood: int, impact: int) -> str:
        """The name of the band for a likelihood and impact."""
        return self.band_for_score(score(likelihood, impact))
