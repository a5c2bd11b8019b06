"""YAML that is well formed but holds what a business case never does (a tag, a merge, a list
as a name, an impossible date) gets a plain located message, never a traceback."""

import pytest

from realise.finance.casefile import CaseFileError, parse_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: x\nrun: !!python/object/apply:os.system [echo]\n",
            "case.yaml:2: the tag !!python/object/apply:os.system is not something a business "
            "case holds",
        ),
        ("title: x\nnote: !custom hello\n", "case.yaml:2: the tag !custom is not something"),
        (
            "base: &b {a: 1}\nmore:\n  <<: *b\n",
            "case.yaml:3: '<<' (merging one mapping into another) is not supported",
        ),
        ("title: x\n? [a, b]\n: 1\n", "case.yaml:2: a list or mapping is used as a name"),
        ("title: x\nday: 2025-13-45\n", "case.yaml:2: '2025-13-45' is not a real date"),
        ("title: x\nn: " + "9" * 5000 + "\n", "case.yaml:2: '" + "9" * 40 + "...' is not a number"),
    ],
)
def test_yaml_a_business_case_never_holds_is_a_located_plain_message(text, expected):
    with pytest.raises(CaseFileError) as caught:
        parse_case(text, source="case.yaml")
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(expected) for p in found), found
