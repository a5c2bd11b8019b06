"""A business-case file is bounded before it is read into values: its size in bytes, the number
of aliases it uses, the number of values it holds once every alias is written out, and how deeply
it nests. A "billion laughs" file of a few hundred bytes is refused at once, never walked."""

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realise.cli import app
from realise.finance.bounds import CaseLimits
from realise.finance.casefile import CaseFileError, load_case, parse_case
from realise.finance.casefile.formats import read_any
from realise.finance.model import BusinessCase
from tests.bombs import laughs

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
runner = CliRunner()


def problems_of(text: str, limits: CaseLimits | None = None) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(text, source="case.yaml", limits=limits)
    return [str(p) for p in caught.value.problems]


def test_the_bomb_is_a_few_hundred_bytes():
    assert len(laughs(9).encode()) < 700  # nine levels: 435 million values written out


def test_an_alias_bomb_is_refused_as_too_large_before_it_is_walked():
    (found,) = problems_of(laughs(6))  # 597,871 values written out: quick even on old code
    assert found.startswith("case.yaml:6: the file is too large to be a business case: ")
    assert "597,871 values" in found
    assert "at most 100,000" in found
    assert "*e" in found


def test_the_full_alias_bomb_is_refused_at_once_in_a_process_with_little_memory():
    """Guarded: on the old reader this ran for a minute to 3.6 GB; here it has 10 s and 1 GB."""
    code = textwrap.dedent(
        """
        import sys, time
        from realise.finance.casefile import CaseFileError, parse_case
        start = time.perf_counter()
        try:
            parse_case(sys.stdin.read(), source="bomb.yaml")
        except CaseFileError as error:
            print(error, f"in {time.perf_counter() - start:.2f}s")
        """
    )

    def little_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            input=laughs(9),
            capture_output=True,
            text=True,
            timeout=10,
            preexec_fn=little_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the alias bomb was walked instead of refused")
    assert "the file is too large to be a business case" in result.stdout, result.stderr[-500:]
    seconds = float(result.stdout.rsplit("in ", 1)[1].rstrip("s\n"))
    assert seconds < 1


def test_too_many_alias_uses_are_refused_on_the_line_of_the_one_too_many():
    items = "\n".join(f"  - *x  # use {n}" for n in range(101))
    (found,) = problems_of(f"x: &x 1\nlist:\n{items}\n")
    assert found.startswith("case.yaml:103: the file uses too many aliases (*x)"), found
    assert "at most 100" in found


def test_an_alias_inside_what_it_names_is_refused_not_followed_forever():
    (found,) = problems_of("title: x\nloop: &a\n  - 1\n  - *a\n")
    assert found.startswith("case.yaml:4: the alias *a is used inside the list or mapping it")


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 5000 + "]" * 5000 + "\n",  # nested in the file itself
        "a: &a " + "[" * 40 + "1" + "]" * 40 + "\nb: &b " + "[*a, " * 30 + "]" * 30 + "\n",
    ],
)
def test_lists_nested_absurdly_deep_are_refused_in_plain_words(text):
    (found,) = problems_of(text)
    assert "nested more than 50 deep" in found, found


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    (found,) = problems_of("# " + "x" * 600_000 + "\n")
    assert found.startswith("case.yaml: the file is 586 KB, larger than the 512 KB")


def test_a_case_file_over_the_size_limit_is_not_read_at_all(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2000)
    with pytest.raises(CaseFileError, match="the file is 2 KB, larger than the 1 KB"):
        load_case(big, limits=CaseLimits(max_bytes=1024))


def test_the_limits_can_be_set_lower_by_whoever_calls():
    limits = CaseLimits(max_values=50, max_aliases=2)
    assert "at most 50" in problems_of("l: [" + ", ".join(["1"] * 60) + "]\n", limits)[0]
    assert "at most 2" in problems_of("a: &a 1\nb: [*a, *a, *a]\n", limits)[0]


def test_a_case_using_a_few_aliases_still_loads():
    from tests.unit.test_casefile import MINIMAL

    text = MINIMAL.replace("share: 50%", "share: 25%").replace(
        "  - id: s1", "  - id: s1\n    name: &name Option one"
    )
    text += "  - id: s2\n    name: *name\n    level: mid\n"
    case = parse_case(text)
    assert [s.name for s in case.scenarios] == ["Option one", "Option one"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_loads_within_the_limits(example):
    case = read_any(example.read_text(), source=example.name)
    assert case.scenarios if isinstance(case, BusinessCase) else case.options


@pytest.mark.parametrize("command", [["model", "check"], ["model", "run"], ["report", "case"]])
def test_the_command_line_refuses_an_alias_bomb_with_the_plain_message(tmp_path, command):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(laughs(6))
    result = runner.invoke(app, [*command, str(bomb)])
    assert result.exit_code in (1, 2)
    assert "the file is too large to be a business case" in result.output
    assert "Traceback" not in result.output


def test_the_command_line_refuses_a_case_file_over_the_upload_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (600 * 1024))
    result = runner.invoke(app, ["model", "run", str(big)])
    assert result.exit_code == 2
    assert "the file is 600 KB, larger than the 512 KB a business case may be" in result.output


def test_a_large_file_cut_mid_letter_is_still_called_too_large(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: " + "£".encode() * 1000)
    with pytest.raises(CaseFileError, match="larger than the 1 KB"):
        load_case(big, limits=CaseLimits(max_bytes=1024))
