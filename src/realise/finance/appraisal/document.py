"""Format 2 documents: a case written out as the YAML a person would write, and a format 1 file
upgraded to format 2 without losing anything.

``upgrade_document`` works on the file's own data, not on the parsed case, so everything the
format 1 file said (published figures, presentation, levels given as a percentage) is carried
over as written: only the names that changed are changed (``first_year`` is ``start_year``,
``scenarios`` are ``options``, a scenario's one-off cost categories are cost lines).
``to_document`` writes a case built elsewhere (the web editor), with ``carried`` holding any
format 1 sections to keep word for word.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml

from realise.finance.appraisal.model import (
    Amounts,
    Annual,
    Appraisal,
    BenefitLine,
    CostKind,
    CostLine,
    DiscountSchedule,
    Offset,
    OptimismBias,
    Option,
    PercentOf,
    Phased,
    Ramp,
    Recurrence,
    Staged,
)
from realise.finance.appraisal.upgrade import line_ids
from realise.finance.calendar import FinancialYear
from realise.finance.model import Layer, SavingsLevel, Tranche

FORMAT_1 = "realise-business-case/1"
FORMAT_2 = "realise-business-case/2"
CARRIED = ("presentation", "layers", "levels", "other_benefits", "published")
_RENAMED = {"first_year": "start_year", "scenarios": "options"}


def upgrade_document(root: Mapping[str, Any]) -> dict[str, Any]:
    """A format 1 file's data as format 2 data, in the same order, values as written."""
    out: dict[str, Any] = {}
    for key, value in root.items():
        if key == "format":
            out["format"] = FORMAT_2
        elif key == "scenarios" and isinstance(value, list):
            out["options"] = [_upgrade_scenario(item) for item in value]
        else:
            out[_RENAMED.get(key, key)] = value
    out.setdefault("format", FORMAT_2)
    return dict(sorted(out.items(), key=lambda kv: kv[0] != "format"))


def _upgrade_scenario(item: Any) -> Any:
    if not isinstance(item, Mapping):
        return item
    option: dict[str, Any] = {}
    for key, value in item.items():
        if key == "costs" and isinstance(value, Mapping):
            option["costs"] = [
                {"id": ident, "name": str(category), "amounts": by_year}
                for ident, (category, by_year) in zip(line_ids(value), value.items(), strict=True)
            ]
        else:
            option[key] = value
    return option


def to_document(case: Appraisal, *, carried: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A case as format 2 data. Format 1 sections in ``carried`` are kept as written; otherwise
    the case's layers and levels are written from its objects."""
    carried = dict(carried or {})
    doc: dict[str, Any] = {
        "format": FORMAT_2,
        "organisation": case.organisation,
        "title": case.title,
        "start_year": case.first_year.label,
        "years": case.year_count,
        "discount_rate": _rate(case.discount_rate),
    }
    if case.optimism_bias != OptimismBias():
        doc["optimism_bias"] = _bias(case.optimism_bias)
    if "presentation" in carried:
        doc["presentation"] = carried["presentation"]
    if case.baselines:
        doc["baselines"] = [
            _drop_empty(
                {
                    "id": b.id,
                    "name": b.name,
                    "amount": b.amount,
                    "fte": b.fte,
                    "directorate": b.directorate,
                }
            )
            for b in case.baselines
        ]
    if case.layers:
        doc["layers"] = carried.get("layers") or [
            _layer(layer, case.layer_owners.get(layer.id, "")) for layer in case.layers
        ]
    if case.levels:
        doc["levels"] = carried.get("levels") or [_level(level) for level in case.levels]
    doc["options"] = [_option(option) for option in case.options]
    for key in ("other_benefits", "published"):
        if key in carried:
            doc[key] = carried[key]
    return doc


def _rate(rate: Decimal | DiscountSchedule) -> str:
    return rate.value if isinstance(rate, DiscountSchedule) else _percent(rate)


def _bias(bias: OptimismBias) -> dict[str, str]:
    return {"costs": _percent(bias.costs), "benefits": _percent(bias.benefits)}


def _layer(layer: Layer, owner: str) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": layer.id,
            "name": layer.name,
            "baseline_cost": layer.baseline_cost,
            "baseline_fte": layer.baseline_fte,
            "directorate": owner,
        }
    )


def _level(level: SavingsLevel) -> dict[str, Any]:
    return {
        "id": level.id,
        "name": level.name,
        "layers": {lid: {"amount": s.amount, "fte": s.fte} for lid, s in level.savings.items()},
    }


def _option(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {"id": option.id, "name": option.name}
    if option.description:
        data["description"] = option.description
    if option.preferred:
        data["preferred"] = True
    if option.do_nothing:
        data["do_nothing"] = True
    if option.optimism_bias is not None:
        data["optimism_bias"] = _bias(option.optimism_bias)
    if option.level is not None:
        data["level"] = option.level
    if option.releases:
        data["releases"] = {lid: [_tranche(t) for t in ts] for lid, ts in option.releases.items()}
    if option.costs:
        data["costs"] = [_cost(line) for line in option.costs]
    if option.offsets:
        data["offsets"] = [_offset(line) for line in option.offsets]
    if option.benefits:
        data["benefits"] = [_benefit(line) for line in option.benefits]
    return data


def _tranche(tranche: Tranche) -> dict[str, Any]:
    return {"date": tranche.released_on, "share": _percent(tranche.share)}


def _cost(line: CostLine) -> dict[str, Any]:
    data: dict[str, Any] = {"id": line.id, "name": line.name}
    if line.kind != CostKind.UNCLASSIFIED:
        data["kind"] = line.kind.value
    if line.recurrence != Recurrence.ONE_OFF:
        data["recurrence"] = line.recurrence.value
    return data | _profile(line.profile)


def _offset(line: Offset) -> dict[str, Any]:
    return {"id": line.id, "name": line.name} | _profile(line.profile)


def _benefit(line: BenefitLine) -> dict[str, Any]:
    data: dict[str, Any] = {"id": line.id, "name": line.name, "type": line.type.value}
    if line.directorate:
        data["directorate"] = line.directorate
    return data | _profile(line.profile)


def _profile(profile: object) -> dict[str, Any]:
    if isinstance(profile, Amounts):
        return {"amounts": _by_year(profile.by_year)}
    if isinstance(profile, Annual):
        data: dict[str, Any] = {"annual": profile.amount, "from": profile.first.label}
        if profile.last is not None:
            data["to"] = profile.last.label
        return data
    if isinstance(profile, Phased):
        return {"total": profile.total, "phasing": _shares(profile.shares)}
    if isinstance(profile, Ramp | Staged):
        key = "ramp" if isinstance(profile, Ramp) else "phasing"
        return _full_value(profile.full_value) | {key: _shares(profile.shares)}
    raise TypeError(f"not a profile: {profile!r}")


def _full_value(value: Decimal | PercentOf) -> dict[str, Any]:
    if isinstance(value, Decimal):
        return {"full_value": value}
    data: dict[str, Any] = {"baseline": value.baseline, "percent": _percent(value.percent)}
    if value.retention != 1:
        data["retention"] = _percent(value.retention)
    return data


def _by_year(values: Mapping[FinancialYear, Decimal]) -> dict[str, Decimal]:
    return {year.label: amount for year, amount in sorted(values.items())}


def _shares(values: Mapping[FinancialYear, Decimal]) -> dict[str, str]:
    return {year.label: _percent(share) for year, share in sorted(values.items())}


def _percent(share: Decimal) -> str:
    """A share (0.3333) as the percentage a person writes (``33.33%``), exactly."""
    return f"{(share * 100).normalize():f}%"


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "")}


class _Dumper(yaml.SafeDumper):
    """Writes Decimals as plain numbers (read back exactly: the reader takes numbers as
    Decimals from their text), keeps keys in the order given, and writes a value used twice out
    in full each time (no ``&``/``*`` aliases, which a reader limits)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def dump(document: Mapping[str, Any]) -> str:
    """Format 2 data as YAML text."""
    return yaml.dump(dict(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
