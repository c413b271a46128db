"""Reading uploaded files row by row, in constant memory: CSV (UTF-8 with or without BOM, or
TIS-620/Windows-874, or UTF-16 with its BOM as Excel's "Unicode text"; delimiter sniffed) and
XLSX (first sheet, openpyxl read-only).

A source is opened once per pass (`open_rows()`); each pass streams the whole file again.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, BinaryIO

csv.field_size_limit(16 * 1024 * 1024)

ENCODINGS = ("utf-8-sig", "cp874")
DELIMITERS = ",;\t|"
SAMPLE_BYTES = 64 * 1024
CSV_FORMATS = {"", "csv", "tsv", "txt", "text/csv", "text/plain", "text/tab-separated-values"}
XLSX_FORMATS = {"xlsx", "xlsm", "excel", "ms excel", "spreadsheet"}
OLD_XLS_FORMATS = {"xls"}


class LoadError(Exception):
    """A load that cannot go on, with a message code for the publisher (see messages.py)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for progress)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


@dataclass
class Source:
    """An uploaded file and how to read it. `kind` is "csv" or "xlsx"."""

    storage_file: Any  # a Django FieldFile
    kind: str
    size: int
    encoding: str = ENCODINGS[0]
    # The encodings to try, in order (the first pass restarts with the next on a decoding error).
    encodings: tuple[str, ...] = ENCODINGS
    delimiter: str = ","
    counter: CountingReader | None = None

    @property
    def bytes_read(self) -> int:
        return self.counter.count if self.counter else 0

    @contextmanager
    def open_rows(self) -> Iterator[Iterator[list[Any]]]:
        """Rows of cells (str for CSV; Python values for XLSX), blank lines included as []."""
        handle = self.storage_file.open("rb")
        try:
            handle.seek(0)
            if self.kind == "xlsx":
                yield _xlsx_rows(handle)
            else:
                self.counter = CountingReader(handle)
                buffered = io.BufferedReader(self.counter, buffer_size=256 * 1024)
                text = io.TextIOWrapper(buffered, encoding=self.encoding, newline="")
                lines = (line.replace("\x00", "") if "\x00" in line else line for line in text)
                yield csv.reader(lines, delimiter=self.delimiter, quotechar='"', strict=False)
        finally:
            self.storage_file.close()


def _xlsx_rows(handle: BinaryIO) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LoadError("bad_xlsx") from exc
    try:
        if not book.worksheets:
            return
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _format_of(resource: Any) -> str:
    declared = (resource.format or "").strip().lower().lstrip(".")
    suffix = PurePath(resource.upload.name or "").suffix.lower().lstrip(".")
    return declared or suffix


def _magic(storage_file: Any) -> bytes:
    handle = storage_file.open("rb")
    try:
        return handle.read(8)
    finally:
        storage_file.close()


def source_for(resource: Any) -> Source:
    """How to read the resource's uploaded file, or LoadError when it cannot be a table."""
    upload = resource.upload
    if not upload or not upload.name:
        raise LoadError("file_missing")
    try:
        size = upload.size
        magic = _magic(upload)
    except (FileNotFoundError, OSError) as exc:
        raise LoadError("file_missing") from exc
    fmt = _format_of(resource)
    if magic.startswith(b"PK\x03\x04"):  # a zip: an XLSX, whatever its name says
        if fmt in CSV_FORMATS or fmt in XLSX_FORMATS or fmt in OLD_XLS_FORMATS:
            return Source(upload, "xlsx", size)
        raise LoadError("unsupported_format", format=fmt.upper() or "ZIP")
    if magic.startswith(b"\xd0\xcf\x11\xe0") or fmt in OLD_XLS_FORMATS:
        raise LoadError("unsupported_format", format="XLS (Excel 97-2003)")
    if fmt in XLSX_FORMATS:
        raise LoadError("bad_xlsx")
    if fmt not in CSV_FORMATS:
        raise LoadError("unsupported_format", format=fmt.upper())
    source = Source(upload, "csv", size)
    if magic.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16
        source.encodings = ("utf-16",)
    source.delimiter = sniff_delimiter(upload, source.encodings)
    return source


def sniff_delimiter(storage_file: Any, encodings: tuple[str, ...] = ENCODINGS) -> str:
    handle = storage_file.open("rb")
    try:
        sample_bytes = handle.read(SAMPLE_BYTES)
    finally:
        storage_file.close()
    for encoding in encodings:
        try:
            sample = sample_bytes.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start >= len(sample_bytes) - 4:  # a character cut at the sample's end
                sample = sample_bytes[: exc.start].decode(encoding, errors="ignore")
                break
    else:
        sample = sample_bytes.decode("utf-8", errors="ignore")
    header = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and counts.get(sniffed, 0) > 0 and counts[sniffed] >= max(counts.values()) / 2:
        return sniffed
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","
