"""Write the binary letters of this folder: ``python tests/letters/heldout2/make_binary.py``.

The outputs are committed; this script records how they were made (python-docx for the Word
table, fpdf2 with a core font, so latin-1 text, for the PDF). Their expected values are in the
``*.expected.yaml`` files beside them.
"""

# ruff: noqa: E501  (letter text is kept one paragraph a line, as the letter prints it)
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from fpdf import FPDF

HERE = Path(__file__).resolve().parent

DORSET_ROWS = [
    (
        "1. Does Dorset Police use live facial recognition?",
        "No. Dorset Police does not use live facial recognition.",
    ),
    (
        "2. Does Dorset Police use retrospective facial recognition?",
        "Yes. Dorset Police uses the facial search facility of the Police National Database "
        "(PND), which is provided by the Home Office.",
    ),
    (
        "3. Does Dorset Police use facial recognition in conjunction with body-worn video?",
        "No. Dorset Police does not use facial recognition with body-worn video.",
    ),
    (
        "4. How much has the force spent on facial recognition in each of the last three "
        "financial years?",
        "Dorset Police has not incurred any direct costs. The PND facial search service is "
        "funded centrally.",
    ),
    (
        "5. How many PND facial searches did the force make in 2022?",
        "Information not held. Dorset Police does not record the number of facial searches it "
        "makes and the PND audit data is held by the Home Office, not by the force.",
    ),
]


def dorset_docx(path: Path) -> None:
    """A response laid out as a two-column Word table, as many forces send it."""
    doc = docx.Document()
    doc.add_heading("Dorset Police", level=1)
    doc.add_paragraph(
        "Freedom of Information Team, Force Headquarters, Winfrith, Dorchester DT2 8DZ"
    )
    doc.add_paragraph("Request No. 2023/1452")
    doc.add_paragraph("Date: 03/10/2023")
    doc.add_paragraph("Dear Requester")
    doc.add_paragraph(
        "Thank you for your request for information received on 05/09/2023. Dorset Police has "
        "now considered your request under the Freedom of Information Act 2000. Our response to "
        "each of your questions is given in the table below."
    )
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Your question"
    table.rows[0].cells[1].text = "Our response"
    for question, answer in DORSET_ROWS:
        cells = table.add_row().cells
        cells[0].text = question
        cells[1].text = answer
    doc.add_paragraph(
        "If you are not satisfied with this response you may request an internal review within "
        "40 working days. If you remain dissatisfied you may complain to the Information "
        "Commissioner's Office."
    )
    doc.add_paragraph("Yours sincerely")
    doc.add_paragraph("Freedom of Information Team, Dorset Police")
    doc.core_properties.author = "FOI Team"
    doc.save(path)


GLOUCESTERSHIRE_TEXT = """GLOUCESTERSHIRE CONSTABULARY
Information Rights Unit
No. 1 Waterwells, Waterwells Drive, Quedgeley, Gloucester GL2 2AN

Reference: 0219/21
Date of response: 15 February 2021

Dear Requester

Freedom of Information Request - Live Facial Recognition

Your request for information was received on 18 January 2021. You asked:

1) Has Gloucestershire Constabulary ever used live facial recognition?
2) If so, please give the date and location of each deployment, with the watchlist size, the number of alerts and the number of arrests.
3) How much was spent on live facial recognition, broken down by financial year?
4) Which company supplied the system?
5) Does the force currently use live facial recognition, or plan to use it in future?

Our response

1) Yes. Gloucestershire Constabulary trialled live facial recognition between September 2019 and March 2020. The trial ended in March 2020 and the force has not used the technology since.

2) The system was deployed three times during the trial:
- 14 September 2019, Kingsholm Stadium, Gloucester: watchlist of 1,050 images, 2 alerts, 1 arrest.
- 7 December 2019, Cheltenham High Street: watchlist of 980 images, 1 alert, 0 arrests.
- 11 March 2020, Cheltenham Racecourse: watchlist of 1,120 images, 4 alerts, 2 arrests.

3) The costs of the trial were:
2019-20 £48,000 (hardware hire, software licence and staff training)
2020-21 £3,250 (decommissioning and secure deletion of data)

4) The software and cameras were supplied by Digital Barriers Ltd under a fixed-term trial licence.

5) No. The force does not currently use live facial recognition and has no plans to reintroduce it.

If you are dissatisfied with this response you may ask for an internal review within 40 working days. If you remain dissatisfied you may complain to the Information Commissioner.

Yours sincerely

Information Rights Officer
Gloucestershire Constabulary
"""


def gloucestershire_pdf(path: Path) -> None:
    """A letter printed to PDF; core fonts take latin-1 text, which includes the pound sign."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in GLOUCESTERSHIRE_TEXT.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    # A fixed date keeps the committed bytes reproducible.
    pdf.set_creation_date(dt.datetime(2021, 2, 15, tzinfo=dt.UTC))
    pdf.output(str(path))


def main() -> None:
    dorset_docx(HERE / "n04_dorset_two_column.docx")
    gloucestershire_pdf(HERE / "n05_gloucestershire_trial_2019.pdf")


if __name__ == "__main__":
    main()
