# ruff: noqa: E501  (letter paragraphs are kept on one line, as a word processor stores them)
"""Write the held-out DOCX and PDF letters from the texts below.

Run ``.venv/bin/python tests/letters/heldout/make_binary.py``; the outputs are committed, so the
benchmark and tests never need to run this. The texts are the evidence the hand-written
``*.expected.yaml`` files were written from.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# A joint information unit's letterhead (Thames Valley Police address) while Hampshire answers.
HAMPSHIRE_DOCX = """\
Joint Information Management Unit
Thames Valley Police and Hampshire & Isle of Wight Constabulary
Thames Valley Police Headquarters, Oxford Road, Kidlington, Oxfordshire OX5 2NX
Email: foi@thamesvalley.police.uk

Our reference: HC/003456/23
Date: 7th November 2023

Dear Requester

Freedom of Information Act 2000 Request

Thank you for your request received on 10th October 2023. The Joint Information Management Unit handles requests for Thames Valley Police and Hampshire and Isle of Wight Constabulary. Your request was made to Hampshire and Isle of Wight Constabulary, which has considered it and responds as follows.

1. Does the force use live facial recognition?
Hampshire and Isle of Wight Constabulary does not currently use live facial recognition. The force plans to trial live facial recognition during 2024, subject to approval.

2. Does the force use retrospective facial recognition?
Yes. The force uses retrospective facial recognition through the facial search capability of the Police National Database (PND), which is provided by the Home Office.

3. How much did the force spend on facial recognition in 2022/23?
No information held. The force has not paid for the PND facial search capability, which is provided centrally.

4. Please provide any data protection impact assessment for facial recognition.
The force's data protection impact assessment for retrospective facial recognition is published at https://www.hampshire.police.uk/foi-ai/hampshire-constabulary/other-information/dpia-rfr/

Please note that these responses relate to overt use only. Hampshire and Isle of Wight Constabulary can neither confirm nor deny that it holds any other information relevant to this request, by virtue of Section 24(2) National Security and Section 31(3) Law Enforcement.

Yours sincerely

Disclosure Officer
Joint Information Management Unit
"""

# No date and no reference anywhere in the letter: both must be null.
SOUTH_YORKSHIRE_PDF = """\
South Yorkshire Police
Freedom of Information Team
Carbrook House, 5 Carbrook Hall Road, Sheffield S9 2EH

Dear Applicant

FREEDOM OF INFORMATION REQUEST - FACIAL RECOGNITION

Thank you for your recent request. You asked:

1. Does South Yorkshire Police use facial recognition technology?
2. If so, in what circumstances?
3. Does South Yorkshire Police intend to use facial recognition in the future?

Response

South Yorkshire Police does not use facial recognition technology and therefore no information is held in relation to question 2. There are currently no plans to introduce it.

In addition, South Yorkshire Police neither confirms nor denies that it holds any other information regarding the covert use of facial recognition, by virtue of sections 24(2) and 31(3) of the Freedom of Information Act 2000. The UK continues to face a sustained threat from violent extremists and terrorists and the current threat level is severe.

This should not be taken as an indication that any other information does or does not exist.

Yours sincerely

Freedom of Information Officer
South Yorkshire Police
"""


def write_docx(text: str, path: Path) -> None:
    from docx import Document

    doc = Document()
    for block in text.split("\n\n"):
        doc.add_paragraph(block.strip("\n"))
    doc.save(str(path))


def write_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for block in text.split("\n\n"):
        pdf.multi_cell(0, 5, block.strip("\n").encode("latin-1").decode("latin-1"))
        pdf.ln(3)
    pdf.output(str(path))


def main() -> None:
    write_docx(HAMPSHIRE_DOCX, HERE / "h14_hampshire_jimu_letterhead.docx")
    write_pdf(SOUTH_YORKSHIRE_PDF, HERE / "h15_south_yorkshire_no_date.pdf")


if __name__ == "__main__":
    main()
