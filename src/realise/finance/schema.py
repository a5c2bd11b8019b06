"""The JSON Schema of the business-case file (``realise model schema``), for editors and tools.

The authoritative rules, with line-numbered messages, are in ``casefile`` and ``model.validate``;
this schema describes the same shape so an editor can help while the file is written. Like the
reader, it allows no key but the ones each part may have (``additionalProperties: false``).
"""

from __future__ import annotations

from typing import Any

from realise.finance.casefile import FORMAT, SCENARIO_METRICS, UNITS

_MONEY = {
    "description": "Pounds: 1234.50, '£1,234.50', '8.8m' or '250k'",
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\(?-?£?[0-9,.]+(k|m|bn)?\)?$"}],
}
_PERCENT = {
    "description": "A percentage: 50 or '50%'",
    "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^[0-9.]+\s*%?$"}],
}
_YEAR = {
    "description": "A financial year such as 2025/26",
    "type": "string",
    "pattern": r"^(FY)?\d{2,4}[/-]\d{2,4}$",
}
_PRINTED = {
    "description": "A number as printed: 5.80, '(16.43)' for a negative, '-' for a dash",
    "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}],
}
_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}


def case_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a business-case file."""
    row = {
        "anyOf": [
            {"type": "array", "items": _PRINTED},
            {
                "type": "object",
                "properties": {
                    "precision": {"type": "number"},
                    "values": {"type": "array", "items": _PRINTED},
                },
            },
        ]
    }
    published_common = {
        "where": {"type": "string", "description": "Where the figures are printed"},
        "unit": {"enum": list(UNITS)},
        "precision": {"type": "number", "description": "The step figures are printed to"},
    }
    closed = {"additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Realise business case",
        "description": "See docs/formats/business-case.md",
        "type": "object",
        **closed,
        "required": [
            "organisation",
            "title",
            "first_year",
            "years",
            "layers",
            "levels",
            "scenarios",
        ],
        "properties": {
            "format": {"const": FORMAT},
            "organisation": {"type": "string"},
            "title": {"type": "string"},
            "first_year": _YEAR,
            "years": {"type": "integer", "minimum": 1, "maximum": 50},
            "discount_rate": _PERCENT,
            "presentation": {
                "type": "object",
                **closed,
                "properties": {
                    "unit": {"enum": ["£", "£k", "£m"]},
                    "places": {"type": "integer", "minimum": 0, "maximum": 4},
                    "steps": {
                        "type": "object",
                        "propertyNames": {"enum": list(SCENARIO_METRICS)},
                        "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
                    },
                },
            },
            "layers": {
                "type": "array",
                "items": {
                    "type": "object",
                    **closed,
                    "required": ["id", "baseline_cost", "baseline_fte"],
                    "properties": {
                        "id": _ID,
                        "name": {"type": "string"},
                        "baseline_cost": _MONEY,
                        "baseline_fte": {"type": "number", "minimum": 0},
                    },
                },
            },
            "levels": {
                "type": "array",
                "items": {
                    "type": "object",
                    **closed,
                    "required": ["id", "layers"],
                    "properties": {
                        "id": _ID,
                        "name": {"type": "string"},
                        "layers": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                **closed,
                                "properties": {
                                    "amount": _MONEY,
                                    "fte": {"type": "number"},
                                    "percent": _PERCENT,
                                },
                            },
                        },
                    },
                },
            },
            "scenarios": {
                "type": "array",
                "items": {
                    "type": "object",
                    **closed,
                    "required": ["id", "level"],
                    "properties": {
                        "id": _ID,
                        "name": {"type": "string"},
                        "description": {"type": "string"},
                        "level": {"type": "string"},
                        "releases": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    **closed,
                                    "required": ["date", "share"],
                                    "properties": {
                                        "date": {"type": "string", "format": "date"},
                                        "share": _PERCENT,
                                    },
                                },
                            },
                        },
                        "costs": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "additionalProperties": _MONEY,
                            },
                        },
                    },
                },
            },
            "other_benefits": {
                "type": "array",
                "items": {
                    "type": "object",
                    **closed,
                    "required": ["id", "baseline", "percent"],
                    "properties": {
                        "id": _ID,
                        "name": {"type": "string"},
                        "baseline": _MONEY,
                        "percent": _PERCENT,
                        "published": {"type": "object"},
                    },
                },
            },
            "published": {
                "type": "array",
                "items": {
                    "type": "object",
                    **closed,
                    "required": ["where", "precision"],
                    "properties": {
                        **published_common,
                        "scenario": {"type": "string"},
                        "rows": {
                            "type": "object",
                            "propertyNames": {
                                "anyOf": [{"enum": list(SCENARIO_METRICS)}, {"pattern": "^cost:.+"}]
                            },
                            "additionalProperties": row,
                        },
                        "totals": {"type": "object", "additionalProperties": _PRINTED},
                        "level": {"type": "string"},
                        "layers": {"type": "object"},
                        "total": {},
                        "baselines": {"type": "object"},
                        "parts": {"type": "object", "additionalProperties": _PRINTED},
                        "total_precision": {"type": "number"},
                        "label": {"type": "string"},
                    },
                },
            },
        },
    }


def format_2_schema() -> dict[str, Any]:
    """The JSON Schema of a format 2 file, built from the reader's own table of keys
    (``casefile.format2.KEYS``) so the two cannot drift apart: every object allows exactly the
    keys the reader does. The format 1 parts it carries are format 1's schema."""
    from realise.finance.casefile.format2 import KEYS

    one = case_schema()["properties"]
    by_year = {"type": "object", "propertyNames": _YEAR}
    money_by_year = {**by_year, "additionalProperties": _MONEY}
    shares = {**by_year, "additionalProperties": _PERCENT}
    layers = dict(one["layers"])
    layer = dict(layers["items"])
    layer["properties"] = {**layer["properties"], "directorate": {"type": "string"}}
    layers["items"] = layer
    values: dict[str, Any] = {
        "format": {"const": "realise-business-case/2"},
        "years": {"type": "integer", "minimum": 1, "maximum": 50},
        "discount_rate": {"anyOf": [{"const": "green_book"}, _PERCENT]},
        "start_year": _YEAR,
        "from": _YEAR,
        "to": _YEAR,
        "id": _ID,
        "amount": _MONEY,
        "total": _MONEY,
        "annual": _MONEY,
        "full_value": _MONEY,
        "fte": {"type": "number", "minimum": 0},
        "percent": _PERCENT,
        "retention": _PERCENT,
        "costs": _PERCENT,
        "benefits": _PERCENT,
        "amounts": money_by_year,
        "phasing": shares,
        "ramp": shares,
        "preferred": {"type": "boolean"},
        "do_nothing": {"type": "boolean"},
        "kind": {"enum": ["capital", "revenue", "unclassified"]},
        "recurrence": {"enum": ["one_off", "recurring"]},
        "type": {"enum": ["cashable", "cost_avoidance", "income", "non_cashable"]},
        "releases": one["scenarios"]["items"]["properties"]["releases"],
        "presentation": one["presentation"],
        "layers": layers,
        "levels": one["levels"],
        "other_benefits": one["other_benefits"],
        "published": one["published"],
    }

    def part(name: str, **nested: Any) -> dict[str, Any]:
        props = {key: nested.get(key, values.get(key, {"type": "string"})) for key in KEYS[name]}
        return {"type": "object", "additionalProperties": False, "properties": props}

    bias = part("optimism_bias")
    line = {name: part(name) for name in ("cost", "offset", "benefit")}
    option = part(
        "option",
        optimism_bias=bias,
        costs={"type": "array", "items": line["cost"]},
        offsets={"type": "array", "items": line["offset"]},
        benefits={"type": "array", "items": line["benefit"]},
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Realise business case, format 2",
        "description": "See docs/formats/business-case.md",
        **part(
            "case",
            optimism_bias=bias,
            baselines={"type": "array", "items": part("baseline")},
            options={"type": "array", "minItems": 1, "items": option},
        ),
        "required": ["format", "organisation", "title", "start_year", "years", "options"],
    }
