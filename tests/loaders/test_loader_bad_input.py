"""Bad input: every problem is a one-line LoadError naming the file, and nothing else escapes."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from loader_helpers import FORMATS

from kg.loaders import MAX_BYTES, Document, LoadError, load, load_many


def error_of(path: Path | str) -> str:
    with pytest.raises(LoadError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert caught.value.source == str(path)
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"")
    assert error_of(path) == f"{path}: empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \r\n\t\n" + "\u00a0\u200b\n".encode())
    assert error_of(path) == f"{path}: no text found in the txt file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 4)
    assert "binary content, not a letter" in error_of(path)
    named_txt = tmp_path / "x.txt"
    named_txt.write_bytes(os.urandom(4096) + b"\x00")
    assert error_of(named_txt) == (
        f"{named_txt}: binary file, not a letter (no text format recognised)"
    )
    no_ext = tmp_path / "blob"
    no_ext.write_bytes(b"\x00\x01\x02\x03" * 100)
    assert error_of(no_ext) == f"{no_ext}: binary file, not a letter (no text format recognised)"


def test_unsupported_extensions(tmp_path: Path) -> None:
    doc = tmp_path / "letter.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert (
        error_of(doc)
        == f"{doc}: unsupported format '.doc' (old Word format; save it as .docx or PDF)"
    )
    image = tmp_path / "scan.PNG"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert "unsupported format '.png' (image; OCR is not supported)" in error_of(image)
    xyz = tmp_path / "x.xyz"
    xyz.write_bytes(b"\x00\xff" * 50)
    assert error_of(xyz).startswith(f"{xyz}: unsupported format '.xyz'")


def test_missing_path(tmp_path: Path) -> None:
    assert error_of(tmp_path / "missing.txt") == f"{tmp_path / 'missing.txt'}: no such file"
    assert error_of("missing.txt") == "missing.txt: no such file"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert error_of(link) == f"{link}: no such file"


def test_folder_and_fifo(tmp_path: Path) -> None:
    folder = tmp_path / "letters.txt"
    folder.mkdir()
    assert "is a folder, not a file" in error_of(folder)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error_of(fifo) == f"{fifo}: not a regular file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Dear Requester")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = Path.open

        def denied(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", denied)
    assert error_of(path) == f"{path}: permission denied"


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: 51 MiB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    assert error_of(path) == f"{path}: file is 53.5 MB, over the 50 MB limit"
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    assert error_of(huge) == f"{huge}: file is 104.9 MB, over the 50 MB limit"
    assert MAX_BYTES == 50_000_000


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture, no text: what a scan looks like
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert error_of(path) == f"{path}: PDF has no text layer (scanned image?)"


def test_pdf_with_user_password(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Secret letter")
    path = tmp_path / "locked.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert error_of(path) == f"{path}: PDF is encrypted and needs a password"


def test_corrupt_pdf_and_docx(tmp_path: Path) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    message = error_of(pdf)
    assert message.startswith(f"{pdf}: ")
    fake_docx = tmp_path / "broken.docx"
    fake_docx.write_bytes(b"PK\x03\x04word/" + os.urandom(500))
    assert "not a readable DOCX file" in error_of(fake_docx)
    other_zip = tmp_path / "archive.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    assert error_of(other_zip) == f"{other_zip}: zip archive but not a Word document"
    not_pdf = tmp_path / "image.pdf"
    not_pdf.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert error_of(not_pdf) == f"{not_pdf}: not a PDF file (its signature is missing)"


def test_truncated_fixtures_never_escape(tmp_path: Path) -> None:
    for source in sorted(FORMATS.iterdir()):
        data = source.read_bytes()
        for fraction in (0.1, 0.5, 0.9):
            path = tmp_path / f"cut_{fraction}_{source.name}"
            path.write_bytes(data[: int(len(data) * fraction)])
            try:
                result = load(path)
            except LoadError as error:
                assert "\n" not in str(error) and str(error).startswith(f"{path}: ")
            else:
                assert isinstance(result, Document)


def test_load_many_continues_past_bad_files(tmp_path: Path) -> None:
    shutil.copy(FORMATS / "kent_cp1252.txt", tmp_path / "a_good.txt")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00" * 100)
    shutil.copy(FORMATS / "lancashire_letter.pdf", tmp_path / "d_good.pdf")
    with (tmp_path / "e_big.txt").open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    results = list(load_many([tmp_path, tmp_path / "missing.md", FORMATS / "durham_letter.docx"]))
    kinds = [(Path(r.source).name, type(r).__name__) for r in results]
    assert kinds == [
        ("a_good.txt", "Document"),
        ("b_empty.txt", "LoadError"),
        ("c_binary.txt", "LoadError"),
        ("d_good.pdf", "Document"),
        ("e_big.txt", "LoadError"),
        ("missing.md", "LoadError"),
        ("durham_letter.docx", "Document"),
    ]
    assert all("\n" not in str(r) for r in results if isinstance(r, LoadError))


def test_load_error_is_one_line_and_picklable() -> None:
    import pickle

    error = LoadError("dir/x.pdf", "damaged:\n  xref table\tmissing ")
    assert str(error) == "dir/x.pdf: damaged: xref table missing"
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.source, copy.problem) == (str(error), error.source, error.problem)
    assert isinstance(copy, LoadError)


def test_invalid_file_name() -> None:
    assert error_of("a\x00b.txt") == "a\x00b.txt: invalid file name"


def test_docx_with_word_parts_late_in_the_zip(tmp_path: Path) -> None:
    """Sniffing sees only the first 64 KB; a .docx whose Word parts come later still loads."""
    source = zipfile.ZipFile(FORMATS / "durham_letter.docx")
    path = tmp_path / "late.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("customXml/padding.bin", os.urandom(70_000))  # stored, incompressible
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info.filename))
    assert b"word/" not in path.read_bytes()[:65_536]
    doc = load(path)
    assert doc.format == "docx" and doc.text.startswith("Durham Constabulary")
