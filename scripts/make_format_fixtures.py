"""Write the loader fixtures in tests/letters/formats/ (run from the repository root).

Invented but realistic UK police FOI responses about facial recognition, one per input format
the loaders read: a saved web page with site furniture, a two-page PDF, a Word letter with a
letterhead and an answers table, Markdown, a cp1252 text file, a .txt that is really HTML and a
Welsh bilingual letter (UTF-8 with BOM, CRLF line ends, no-break spaces).

Deterministic: fixed dates in PDF and DOCX metadata, fixed zip timestamps, and a seeded random
generator for the figures, so re-running it reproduces the committed bytes exactly.

    .venv/bin/python scripts/make_format_fixtures.py [--out tests/letters/formats]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import zipfile
from pathlib import Path

SEED = 20210614
FIXED = dt.datetime(2021, 6, 14, 9, 30, tzinfo=dt.UTC)
OUT = Path(__file__).resolve().parent.parent / "tests" / "letters" / "formats"

NCND = (
    "In respect of covert use of facial recognition, {force} can neither confirm nor deny that "
    "it holds any other information by virtue of Section 24(2) National Security and "
    "Section 31(3) Law Enforcement."
)
HARM = (
    "Any disclosure under the Freedom of Information Act is a disclosure to the world at large. "
    "Confirming or denying whether information is held about the covert use of facial "
    "recognition would reveal police tactics and capabilities, allowing offenders to take steps "
    "to avoid detection."
)
THREAT = (
    "The current threat level from international terrorism in the UK is Substantial, which means "
    "an attack is likely."
)


def html_page(rng: random.Random) -> str:
    force = "Cumbria Constabulary"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>FOI 2021/0457 Facial recognition technology | {force}</title>
<script>
window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
</script>
<style>.cookie-banner {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies on this site">
  <p>We use some essential cookies to make this website work.</p>
  <p>We&rsquo;d like to set additional cookies to understand how you use the site.</p>
  <button type="button">Accept additional cookies</button>
  <button type="button">Reject additional cookies</button>
  <a href="/cookies">View cookies</a>
</div>
<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="site-header">
  <a href="/" class="logo">{force}</a>
  <nav class="main-menu">
    <ul>
      <li><a href="/report">Report a crime</a></li>
      <li><a href="/contact">Contact us</a></li>
      <li><a href="/foi">Freedom of Information</a></li>
    </ul>
  </nav>
  <form class="site-search" action="/search"><input name="q"><button>Search</button></form>
</header>
<div class="page-wrapper">
  <nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol><li><a href="/">Home</a></li><li><a href="/foi">Freedom of Information</a></li>
    <li>Disclosure log</li></ol>
  </nav>
  <main id="main-content">
    <article>
      <h1>Facial recognition technology</h1>
      <dl class="meta">
        <dt>Reference</dt><dd>FOI 2021/0457</dd>
        <dt>Date of response</dt><dd>14 June 2021</dd>
      </dl>
      <h2>Request</h2>
      <p>Please provide the following information:</p>
      <ol>
        <li>Does your force currently use live facial recognition technology?</li>
        <li>Does your force use retrospective facial recognition, for example searching custody
        images on the Police National Database?</li>
        <li>How much has your force spent on facial recognition technology in each of the
        financial years 2018/19, 2019/20 and 2020/21?</li>
        <li>Which companies supply facial recognition software or hardware to your force?</li>
      </ol>
      <h2>Response</h2>
      <table class="foi-answers">
        <thead><tr><th>Question</th><th>Response</th></tr></thead>
        <tbody>
          <tr><td>1</td><td>No. {force} does not use live facial recognition technology.</td></tr>
          <tr><td>2</td><td><p>Yes. The force uses the facial searching facility of the Police
          National Database.</p><p>This is provided by the Home Office.</p></td></tr>
          <tr><td>3</td><td>No information held. There has been no expenditure on facial
          recognition technology.</td></tr>
          <tr><td>4</td><td>Not applicable.</td></tr>
        </tbody>
      </table>
      <p>{NCND.format(force=force)}</p>
      <p>{HARM}</p>
      <p>{THREAT}</p>
      <p>Yours sincerely,<br>Freedom of Information Officer<br>Information Management Unit</p>
    </article>
    <aside class="related-links"><h2>Related disclosures</h2>
      <ul><li><a href="/foi/anpr">Automatic number plate recognition cameras</a></li></ul>
    </aside>
    <div class="feedback" id="page-feedback">
      <h2>Was this page useful?</h2>
      <button>Yes</button> <button>No</button>
      <a href="/feedback">Report a problem with this page</a>
    </div>
  </main>
</div>
<div class="share-links">
  <span>Share this page</span> <a href="#">Facebook</a> <a href="#">X</a>
</div>
<footer class="site-footer">
  <p>&copy; {force} 2021</p>
  <ul><li><a href="/accessibility">Accessibility</a></li>
  <li><a href="/privacy">Privacy notice</a></li></ul>
</footer>
<script src="/js/app.{rng.randrange(16**8):08x}.js"></script>
<script>document.getElementById('cookie-banner').hidden = !!localStorage.cookiesSeen;</script>
</body>
</html>
"""


def pdf_letter(rng: random.Random) -> bytes:
    from fpdf import FPDF

    force = "Lancashire Constabulary"
    spend = [rng.randrange(20_000, 90_000) for _ in range(3)]
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title("FOI response F/2020/01287")
    pdf.set_author("Information Access Team")
    pdf.set_auto_page_break(auto=True, margin=20)

    def para(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    pdf.add_page()
    para(force, 16, "B")
    para("Information Access Team\nPolice Headquarters, Saunders Lane, Hutton, Preston PR4 5SB")
    para("Our Ref: F/2020/01287\nDate: 5 October 2020")
    para("Dear Requester,")
    para(
        "I write in connection with your request for information received on 7 September 2020, "
        "in which you asked:"
    )
    for number, question in (
        ("1", "Does your force use automated facial recognition (AFR) technology?"),
        ("2", "If yes, please state:"),
        ("2a", "the dates and locations of each deployment since 1 January 2019;"),
        ("2b", "the number of alerts, stops and arrests resulting from each deployment."),
        ("3", "How much has your force spent on facial recognition in each financial year?"),
    ):
        para(f"{number}. {question}")
    pdf.add_page()
    para("Response", 13, "B")
    para(
        f"Q1. Yes. {force} has used live facial recognition in a limited number of overt "
        "deployments at public events."
    )
    para(
        "Q2a and Q2b. Deployments were carried out in Blackpool on 14 March 2020. The watch-list "
        "held 412 images; the system generated 6 alerts, leading to 3 stops and 1 arrest."
    )
    para(
        f"Q3. Expenditure was \u00a3{spend[0]:,} in 2018/19, \u00a3{spend[1]:,} in 2019/20 and "
        f"\u00a3{spend[2]:,} in 2020/21."
    )
    # A word split across a line end, as typeset letters have: the loader re-joins it.
    para("These figures relate to the evaluation of automated facial recog-\nnition equipment.")
    para(NCND.format(force=force))
    para(HARM)
    para(THREAT)
    para("Yours sincerely,\nInformation Access Team")
    return bytes(pdf.output())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the .docx bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2021, 6, 14, 9, 30, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def docx_letter(rng: random.Random) -> bytes:
    import docx

    force = "Durham Constabulary"
    doc = docx.Document()
    props = doc.core_properties
    props.author = "Freedom of Information Unit"
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = force
    header.add_paragraph("Freedom of Information Unit, Aykley Heads, Durham DH1 5TT")
    doc.sections[0].footer.paragraphs[0].text = "OFFICIAL - page footer text"

    doc.add_heading("Freedom of Information Request 0645/21", level=1)
    doc.add_paragraph("Date: 3 March 2021")
    doc.add_paragraph("Dear Sir or Madam,")
    doc.add_paragraph(
        "Thank you for your request for information received on 4 February 2021. "
        "You asked the following questions:"
    )
    for question in (
        f"Does {force} use facial recognition technology?",
        "If so, which supplier provides the software?",
        "How many facial recognition searches were carried out in 2020?",
    ):
        doc.add_paragraph(question, style="List Number")
    doc.add_paragraph("Our response to each question is set out in the table below.")
    searches = rng.randrange(200, 900)
    rows = (
        ("Question", "Response"),
        ("1", "Yes. Retrospective facial recognition is used to search custody images."),
        ("2", "The software is provided by the Home Office through the Police National Database."),
        ("3", f"{searches} searches were carried out in 2020."),
    )
    table = doc.add_table(rows=0, cols=2)
    for left, right in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    doc.add_paragraph(NCND.format(force=force))
    doc.add_paragraph(HARM)
    doc.add_paragraph(THREAT)
    doc.add_paragraph("Yours faithfully,")
    doc.add_paragraph("Disclosure Officer")
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue())


def markdown_letter(rng: random.Random) -> str:
    force = "Humberside Police"
    return f"""# {force}

## Freedom of Information Request **FOI/2022/00318**

**Date of response:** 12 April 2022

Dear Requester,

Thank you for your request for information received on 21 March 2022, in which you asked:

- 1. Is your force currently using live facial recognition (LFR) technology?
- 2. Has your force used retrospective facial recognition (RFR) in the last 12 months?
  - a) If yes, how many searches were carried out?
- 3. What is the name of the supplier?

### Our response

> **Q1 response:** No. {force} does not use live facial recognition.

**Q2 response:** {force} uses the facial search function of the Police National Database \
(PND), provided by the Home Office. The number of searches is not recorded centrally\\.

**Q3 response:** Not applicable\\.

*{force} can neither confirm nor deny* that it holds any other information relating to \
covert use of facial recognition by virtue of Section 24(2) National Security and \
Section 31(3) Law Enforcement.

{THREAT.replace("Substantial", "__Substantial__")}

See the [College of Policing guidance](https://www.college.police.uk/app/live-facial-recognition) \
and our [disclosure log](https://www.humberside.police.uk/foi-ai/disclosure-log/).

---

Contact: [foi@humberside.police.uk](mailto:foi@humberside.police.uk)
"""


def cp1252_letter(rng: random.Random) -> bytes:
    force = "Kent Police"
    cost = rng.randrange(10_000, 60_000)
    text = f"""Kent Police
Freedom of Information Office
Police Headquarters, Sutton Road, Maidstone, ME15 9BZ

Our reference: FOI 19/4821
Date: 15th January 2020

Dear Requester,

Your request received on 16th December 2019 asked: \u201cHow much has your force spent on \
facial recognition software since 2017?\u201d

Response

{force}\u2019s expenditure on facial recognition software in the 2018/19 financial year was \
\u00a3{cost:,}, for a trial of retrospective image searching \u2013 no live facial recognition \
was purchased.

{NCND.format(force=force)}

{THREAT}

Yours sincerely,
Freedom of Information Office
"""
    return text.replace("\n", "\r\n").encode("cp1252")


def html_saved_as_txt(rng: random.Random) -> str:
    force = "Essex Police"
    return f"""<!doctype html>
<html>
<head><title>Disclosure 7741/19 | {force}</title>
<script>var tracking = true;</script></head>
<body>
<nav class="navbar"><a href="/">Home</a> <a href="/news">News</a></nav>
<div id="content">
<h1>Disclosure 7741/19: facial recognition</h1>
<p>Date of request: 2 December 2019</p>
<p>Question 1: Does {force} use facial recognition technology?</p>
<p>Answer: {force} does not currently use live facial recognition technology.</p>
<p>{NCND.format(force=force)}</p>
<p>{THREAT}</p>
</div>
<footer>Essex Police &copy; 2019 | Cookies | Accessibility</footer>
</body>
</html>
"""


def welsh_letter(rng: random.Random) -> bytes:
    force = "North Wales Police"
    text = f"""Heddlu Gogledd Cymru / North Wales Police
Rhyddid Gwybodaeth / Freedom of Information
Pencadlys yr Heddlu, Glan y Don, Bae Colwyn, LL29 8AW
Police Headquarters, Glan y Don, Colwyn Bay, LL29 8AW


Ein Cyf / Our Ref:\u00a0FOI/2023/0172
Dyddiad / Date:\u00a09 Mai 2023 / 9 May 2023

Annwyl Ymgeisydd / Dear Applicant

Thank you for your request for information received on 11 April 2023. You asked:

1. Does your force use live facial recognition?
2. Does your force use operator initiated facial recognition on mobile phones?

Response

1. No. {force} does not use live facial recognition.
2. No. {force} is not\u200b using operator initiated facial recognition.

{NCND.format(force=force)}

{THREAT}



Croesewir gohebiaeth yn Gymraeg / We welcome correspondence in Welsh.
"""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def build(out: Path) -> list[Path]:
    """Write every fixture into ``out``; return the paths written."""
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "cumbria_disclosure_page.html": html_page(rng).encode("utf-8"),
        "lancashire_letter.pdf": pdf_letter(rng),
        "durham_letter.docx": docx_letter(rng),
        "humberside_response.md": markdown_letter(rng).encode("utf-8"),
        "kent_cp1252.txt": cp1252_letter(rng),
        "essex_page_saved_as.txt": html_saved_as_txt(rng).encode("utf-8"),
        "north_wales_bilingual.txt": welsh_letter(rng),
    }
    written = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the fixtures to")
    args = parser.parse_args()
    for path in build(args.out):
        print(path)


if __name__ == "__main__":
    main()
