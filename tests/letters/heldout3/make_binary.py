"""Write the binary letters of this folder: ``python tests/letters/heldout3/make_binary.py``.

The outputs are committed; this script records how they were made (python-docx for the two Word
letters, fpdf2 with a core font, so latin-1 text, for the two PDFs). Fixed dates keep the bytes
reproducible. Their expected values are in the ``*.expected.yaml`` files beside them.
"""

# ruff: noqa: E501  (letter text is kept one paragraph a line, as the letter prints it)
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from fpdf import FPDF

HERE = Path(__file__).resolve().parent


def _save_docx(doc: docx.document.Document, path: Path, when: dt.datetime) -> None:
    """Save with fixed document dates and zip entry times, so the bytes do not change."""
    doc.core_properties.author = "Information Rights"
    doc.core_properties.created = when
    doc.core_properties.modified = when
    doc.core_properties.last_modified_by = "Information Rights"
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(item.filename))


# ---------------------------------------------------------------- PSNI: "Q1" | answer table

PSNI_QUESTIONS = [
    "Q1 Does the PSNI use live facial recognition?",
    "Q2 Does the PSNI use retrospective facial recognition and, if so, whose software?",
    "Q3 How many retrospective facial recognition searches were made in 2023?",
    "Q4 Has the PSNI used facial recognition in covert operations?",
]
PSNI_ROWS = [
    ("Q1", "No. The PSNI does not use live facial recognition."),
    (
        "Q2",
        "Yes. The PSNI carries out retrospective facial recognition searches against its own "
        "custody image database using NeoFace Reveal, which is supplied by NEC.",
    ),
    ("Q3", "1,946 searches were made between 1 January 2023 and 31 December 2023."),
    (
        "Q4",
        "The PSNI can neither confirm nor deny that it holds this information. Please see below.",
    ),
]
PSNI_AFTER = [
    "The answers above relate to the overt use of facial recognition only.",
    "In relation to Q4, PSNI neither confirms nor denies that it holds any information by virtue of Section 24(2) National Security and Section 31(3) Law Enforcement of the Freedom of Information Act 2000.",
    "Harm",
    "Confirming or denying whether facial recognition has been used in covert operations would reveal to those involved in terrorism and serious crime whether the capability is available to police in Northern Ireland. This would allow them to take steps to avoid detection. The threat level in Northern Ireland from Northern Ireland-related terrorism is SUBSTANTIAL, which means an attack is likely.",
    "Public Interest Test",
    "Factors favouring confirmation or denial (Section 24): the public is entitled to know how public funds are spent on protecting national security.",
    "Factors against confirmation or denial (Section 24): confirmation or denial would assist terrorist groups in identifying police capability and would put lives at risk.",
    "Factors favouring confirmation or denial (Section 31): transparency about police methods may increase public confidence.",
    "Factors against confirmation or denial (Section 31): law enforcement tactics would be compromised and the PSNI's ability to prevent and detect crime would be reduced.",
    "Decision",
    "PSNI has weighed the factors above and has decided that the public interest favours neither confirming nor denying whether information is held. This should not be taken as conclusive evidence that any information that would meet your request exists or does not exist.",
    "If you have any queries regarding your request or the decision please do not hesitate to contact me. If you are dissatisfied in any way with the handling of your request, you have the right to request a review within 40 working days, and thereafter to apply to the Information Commissioner.",
]


def psni_docx(path: Path) -> None:
    """Answers in a table whose first column holds only the question label ("Q1")."""
    doc = docx.Document()
    doc.add_paragraph("POLICE SERVICE OF NORTHERN IRELAND")
    doc.add_paragraph(
        "Corporate Information Branch, PSNI Headquarters, 65 Knock Road, Belfast BT5 6LE"
    )
    doc.add_paragraph("Freedom of Information Request Reference Number: F-2024-01583")
    doc.add_paragraph("Date of Response: 05/03/2024")
    doc.add_heading("Request", level=2)
    doc.add_paragraph(
        "Your request for information was received by the Police Service of Northern Ireland on 06/02/2024. You asked:"
    )
    for q in PSNI_QUESTIONS:
        doc.add_paragraph(q)
    doc.add_heading("Answer", level=2)
    doc.add_paragraph(
        "PSNI has considered your request and responds to each question in the table below."
    )
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, answer in PSNI_ROWS:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = answer
    for para in PSNI_AFTER:
        if len(para) < 30:
            doc.add_heading(para, level=3)
        else:
            doc.add_paragraph(para)
    _save_docx(doc, path, dt.datetime(2024, 3, 5, 10, 0))


# ---------------------------------------------------------------- Warwickshire: auto-numbered list, s.12

WARWICKSHIRE_QUESTIONS = [
    "The number of facial searches of the Police National Database made by Warwickshire Police officers in each month from January 2022 to December 2024.",
    "For each search, the offence under investigation.",
    "For each search, whether the search produced a possible match and whether the match led to a charge.",
    "The ethnicity and gender of each person whose image was searched.",
]


def warwickshire_docx(path: Path) -> None:
    """A cost refusal whose questions are a Word numbered list: the numbers are not in the text."""
    doc = docx.Document()
    doc.add_paragraph("Warwickshire Police")
    doc.add_paragraph("Information Compliance Unit, Leek Wootton, Warwick CV35 7QA")
    doc.add_paragraph("Reference: WP/FOI/000347/25")
    doc.add_paragraph("Date: 4 March 2025")
    doc.add_paragraph("Dear Requester,")
    doc.add_paragraph("Re: Freedom of Information Act 2000 request received 4 February 2025")
    doc.add_paragraph("You asked for the following information:")
    for q in WARWICKSHIRE_QUESTIONS:
        doc.add_paragraph(q, style="List Number")
    doc.add_paragraph(
        "I am writing to inform you that Warwickshire Police is unable to comply with your request, as the cost of doing so would exceed the appropriate limit set out in the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004. Section 12(1) of the Act does not oblige a public authority to comply with a request where it estimates that the cost of compliance would exceed that limit, which for police forces is £450, equivalent to 18 hours of work at £25 an hour."
    )
    doc.add_paragraph(
        "The PND audit records show the user and the time of each facial search but not the reason for it. To find the offence, the outcome and the demographic details for each search, a member of staff would have to trace every search to the investigation it related to. A sampling exercise found that this takes about four minutes a search. With well over a thousand searches in the period, the work would take in excess of 70 hours."
    )
    doc.add_paragraph(
        "This letter therefore serves as a refusal notice under section 17(5) of the Act."
    )
    doc.add_paragraph(
        "Under section 16 of the Act we have a duty to provide advice and assistance. You may wish to refine your request, for example by asking only for the monthly number of searches, which the force may be able to provide within the cost limit."
    )
    doc.add_paragraph(
        "If you are not satisfied with this response you can ask for an internal review within 40 working days. If you remain dissatisfied after the review you have the right to complain to the Information Commissioner."
    )
    doc.add_paragraph("Yours sincerely,")
    doc.add_paragraph("Information Compliance Officer")
    _save_docx(doc, path, dt.datetime(2025, 3, 4, 9, 30))


# ---------------------------------------------------------------- BTP: grouped answer, pilot deployments

BTP_TEXT = """BRITISH TRANSPORT POLICE
Freedom of Information Unit
25 Camden Road, London NW1 9LN

FOI Ref: FOI-2025-0412
31 March 2025

Dear Requester,

Thank you for your request for information received on 3 March 2025. Your request has been dealt with under the Freedom of Information Act 2000.

Request

1. Has British Transport Police used live facial recognition at any railway station in 2024 or 2025?
2. If so, on which dates and at which stations?
3. For each deployment, how many people were on the watch-list, how many alerts were generated and how many arrests were made?
4. Who supplied the technology and what did it cost BTP?
5. Does BTP plan further deployments?

Response

Questions 1 to 3

Yes. BTP carried out two pilot deployments of live facial recognition at London Bridge station. On 12 February 2025 the watch-list contained 1,870 images; the system generated 2 alerts and 1 arrest was made. On 26 February 2025 the watch-list contained 1,915 images; there were 3 alerts, of which 1 was a false alert, and 2 arrests were made. BTP did not use live facial recognition in 2024.

Question 4

The LFR vans and operators were provided to BTP by the Metropolitan Police Service under a mutual aid agreement. The software used is NEC NeoFace Live. BTP did not pay for the software. The cost to BTP of the pilot, for signage, community engagement and officer overtime, was £14,260.

Question 5

BTP plans further LFR deployments at major London stations later in 2025, subject to an evaluation of the pilot.

If you are dissatisfied with this response you may ask for an internal review within 40 working days. Should you remain dissatisfied you may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.

Yours sincerely

Disclosure Officer
Freedom of Information Unit
"""


# ---------------------------------------------------------------- West Yorkshire: table of spend in a PDF

WYP_BEFORE = """WEST YORKSHIRE POLICE
Freedom of Information Team, PO Box 9, Laburnum Road, Wakefield WF1 3QP

Our Ref: 1402/24
Date: 08/01/2025

Dear Requester

Freedom of Information Request

I write in connection with your request for information received by West Yorkshire Police on 09/12/2024, in which you asked:

1. Does WYP use retrospective facial recognition, and since when?
2. How many retrospective facial recognition searches were made in 2023 and in 2024?
3. What has WYP spent on facial recognition in each financial year since 2021/22, and with which suppliers?
4. Is WYP using or testing operator initiated facial recognition?
5. Does WYP use live facial recognition?

Our response

Response to Q1
Yes. West Yorkshire Police has used retrospective facial recognition since March 2022. Searches are made against the force's custody images using NEC NeoFace Reveal.

Response to Q2
6,112 searches were made in 2023 and 7,540 in 2024.

Response to Q3
Spending on facial recognition is shown in the table below."""

WYP_TABLE = [
    ("Financial year", "Supplier", "Purpose", "Amount"),
    ("2021/22", "NEC Software Solutions UK", "Licence and installation", "£64,800"),
    ("2022/23", "NEC Software Solutions UK", "Annual support", "£18,200"),
    ("2023/24", "NEC Software Solutions UK", "Annual support", "£18,200"),
]

WYP_AFTER = """Response to Q4
West Yorkshire Police is trialling operator initiated facial recognition on officers' mobile devices in Bradford District. The trial began in January 2025.

Response to Q5
West Yorkshire Police does not use live facial recognition.

If you are unhappy with the response you have received you may request an internal review within 40 working days. If you are still dissatisfied you may then apply to the Information Commissioner.

Yours sincerely

Freedom of Information Officer
West Yorkshire Police"""


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    return pdf


def _pdf_lines(pdf: FPDF, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)


def btp_pdf(path: Path) -> None:
    pdf = _pdf()
    _pdf_lines(pdf, BTP_TEXT)
    pdf.set_creation_date(dt.datetime(2025, 3, 31, tzinfo=dt.UTC))
    pdf.output(str(path))


def wyp_pdf(path: Path) -> None:
    """A printed letter with a ruled table of spending between two blocks of text."""
    pdf = _pdf()
    _pdf_lines(pdf, WYP_BEFORE)
    pdf.ln(2)
    with pdf.table(col_widths=(30, 60, 55, 30)) as table:
        for row in WYP_TABLE:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(3)
    _pdf_lines(pdf, WYP_AFTER)
    pdf.set_creation_date(dt.datetime(2025, 1, 8, tzinfo=dt.UTC))
    pdf.output(str(path))


def main() -> None:
    psni_docx(HERE / "t04_psni_q_table.docx")
    warwickshire_docx(HERE / "t07_warwickshire_s12_numbered.docx")
    btp_pdf(HERE / "t05_btp_grouped_pilot.pdf")
    wyp_pdf(HERE / "t10_west_yorkshire_spend_table.pdf")


if __name__ == "__main__":
    main()
