"""The CSV's cells: text a spreadsheet cannot run, read back exactly; numbers kept numeric."""

from __future__ import annotations

import csv
import io

import pytest

from bot.export import cells, table
from bot.export.reading import read

HOSTILE = '=HYPERLINK("http://evil","x")'


@pytest.mark.parametrize(
    "text",
    [HOSTILE, "+5 points", "-3 tickets", "@here look", "\tindented", "\rreturn", "=1+1"],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text: str) -> None:
    cell = cells.text(text)
    assert cell == "'" + text
    assert cell[0] not in cells.FORMULA_STARTS
    assert cells.unescaped(cell) == text


@pytest.mark.parametrize("text", ["'Tis the season", "plain", "", "5 = five", "it's"])
def test_other_text_is_left_alone(text: str) -> None:
    assert cells.text(text) == text
    assert cells.unescaped(text) == text


@pytest.mark.parametrize("text", ["'=already quoted", "''", "'+", "'@x", "'''x"])
def test_text_that_starts_like_an_escaped_cell_round_trips(text: str) -> None:
    cell = cells.text(text)
    assert cell == "'" + text
    assert cells.unescaped(cell) == text


def test_numbers_stay_numbers_even_negative() -> None:
    assert cells.number(-5.0) == "-5"
    assert cells.number(-12.25) == "-12.25"
    assert cells.number(0.7) == "0.7"
    assert cells.number(1_200_000.0) == "1200000"
    assert cells.number(None) == ""
    # A number column is written by the bot, never from text: it is not given an apostrophe.
    assert table._cell("value", -5.0) == "-5"
    assert table._cell("note", "-5") == "'-5"


def test_a_written_row_parses_back_with_the_csv_module_after_its_bom() -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(table.COLUMNS)
    row = dict.fromkeys(table.COLUMNS, "")
    row.update(record="objective", objective="1", title=cells.text(HOSTILE))
    row["note"] = cells.text('line one\n"quoted", line two')
    writer.writerow(row.values())
    data = (table.BOM + out.getvalue()).encode()
    assert data.startswith(b"\xef\xbb\xbf")
    (parsed,) = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert parsed["title"] == "'" + HOSTILE
    assert parsed["note"] == 'line one\n"quoted", line two'
    found = read(data)
    assert found.objectives[0].draft.title == HOSTILE, "import takes the apostrophe off"
