"""A case's workbook saved as ODS by LibreOffice (as a council on LibreOffice would keep it)
uploads as the same case: each example, each starter and Dorset's case upgraded, written with
``write_appraisal_workbook``, converted by headless LibreOffice and read back by the upload's
path (``case_text_from_upload``, python-calamine). Skips when LibreOffice is not installed."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from realise.finance.casefile.format2 import parse_appraisal
from realise.finance.casefile.formats import file_data
from realise.imports.case_workbook import case_text_from_upload
from realise.reports.case_workbook.appraisal import write_appraisal_workbook
from realise.reports.libreoffice import find_soffice
from tests.unit.test_case_workbook_round_trip import CASES, _lines_dropped

pytestmark = [
    pytest.mark.db,
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        find_soffice() is None,
        reason="needs LibreOffice: install the Debian package libreoffice-calc-nogui",
    ),
]


@pytest.fixture(scope="module")
def as_ods(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case's workbook, converted to ODS in one LibreOffice run."""
    written = tmp_path_factory.mktemp("xlsx")
    out = tmp_path_factory.mktemp("ods")
    for name, (text, case) in CASES.items():
        write_appraisal_workbook(case, written / f"{name}.xlsx", document=file_data(text))
    with tempfile.TemporaryDirectory(prefix="realise-lo-profile-") as profile:
        command = [
            str(find_soffice()),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
            str(out),
            *(str(written / f"{name}.xlsx") for name in CASES),
        ]
        subprocess.run(command, capture_output=True, timeout=600, check=True)
    return {name: out / f"{name}.ods" for name in CASES}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_case_workbook_saved_as_ods_uploads_as_the_same_case(db, as_ods, name):
    path = as_ods[name]
    assert path.exists(), f"LibreOffice wrote no {path.name}"
    read = parse_appraisal(case_text_from_upload(path, path.name))
    assert _lines_dropped(read) == _lines_dropped(CASES[name][1])
