"""Namespaces and code lists for the DCAT output: the EU authority tables DCAT-AP 3 asks for
(frequency, language, access right, file type), IANA media types, SPDX checksum algorithms, and
our own namespace for the Thai GD Catalog fields that have no DCAT term (docs/opendata-dcat.md)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils.encoding import iri_to_uri
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, GEO, OWL, RDF, RDFS, SKOS, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
# Thai GD Catalog metadata (ckanext-thai_gdc field names) with no DCAT equivalent. Ours, and the
# same whatever host serves the catalog; its terms are listed in docs/opendata-dcat.md.
GDC = Namespace("https://data.thongthin.go.th/ns/gdc#")

PREFIXES: dict[str, Namespace] = {
    "dcat": Namespace(str(DCAT)),
    "dct": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    "vcard": VCARD,
    "spdx": SPDX,
    "hydra": HYDRA,
    "owl": Namespace(str(OWL)),
    "skos": Namespace(str(SKOS)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "gsp": Namespace(str(GEO)),
    "gdc": GDC,
}

EU = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def eu(table: str, code: str) -> URIRef:
    return URIRef(f"{EU}{table}/{code}")


# update_frequency_unit (+ update_frequency_interval, the number of updates per unit) -> EU code.
# A unit with an interval not listed falls back to the unit's own code: the Thai field is the
# least frequency ("ความถี่น้อยที่สุด"), so that stays true. ไม่ทราบ, อื่นๆ and anything unknown: no triple.
FREQUENCY_BY_UNIT = {
    "ปี": "ANNUAL",
    "ครึ่งปี": "ANNUAL_2",
    "ไตรมาส": "QUARTERLY",
    "เดือน": "MONTHLY",
    "สัปดาห์": "WEEKLY",
    "วัน": "DAILY",
    "วันทำการ": "DAILY",
    "ชั่วโมง": "HOURLY",
    "นาที": "1MIN",
    "ตามเวลาจริง": "UPDATE_CONT",
    "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล": "NEVER",
}
FREQUENCY_BY_UNIT_AND_TIMES = {
    ("ปี", 2): "ANNUAL_2",
    ("ปี", 3): "ANNUAL_3",
    ("ปี", 4): "QUARTERLY",
    ("ปี", 12): "MONTHLY",
    ("ปี", 52): "WEEKLY",
    ("เดือน", 2): "MONTHLY_2",
    ("เดือน", 3): "MONTHLY_3",
    ("สัปดาห์", 2): "WEEKLY_2",
    ("สัปดาห์", 3): "WEEKLY_3",
    ("วัน", 2): "DAILY_2",
}


def frequency(unit: object, interval: object = None) -> URIRef | None:
    if not isinstance(unit, str) or unit not in FREQUENCY_BY_UNIT:
        return None
    try:
        times = int(str(interval).strip()) if interval not in (None, "") else 1
    except ValueError:
        times = 1
    return eu("frequency", FREQUENCY_BY_UNIT_AND_TIMES.get((unit, times), FREQUENCY_BY_UNIT[unit]))


# data_language choices -> EU language table (ISO 639-2/3 codes) and BCP 47 (schema.org inLanguage).
LANGUAGES = {
    "ไทย": ("THA", "th"),
    "อังกฤษ": ("ENG", "en"),
    "จีน": ("ZHO", "zh"),
    "มลายู": ("MSA", "ms"),
    "พม่า": ("MYA", "my"),
    "ลาว": ("LAO", "lo"),
    "เขมร": ("KHM", "km"),
    "ญี่ปุ่น": ("JPN", "ja"),
    "เกาหลี": ("KOR", "ko"),
    "ฝรั่งเศส": ("FRA", "fr"),
    "เยอรมัน": ("DEU", "de"),
    "อารบิก": ("ARA", "ar"),
}
THAI_LANGUAGE = eu("language", "THA")
ENGLISH_LANGUAGE = eu("language", "ENG")

# data_category (Thai data governance) -> EU access right. Only public data is PUBLIC; internal,
# personal, security and secret data are NON_PUBLIC ("not publicly accessible for privacy,
# security or other reasons").
ACCESS_RIGHTS = {
    "ข้อมูลสาธารณะ": "PUBLIC",
    "ข้อมูลใช้ภายใน": "NON_PUBLIC",
    "ข้อมูลส่วนบุคคล": "NON_PUBLIC",
    "ข้อมูลความมั่นคง": "NON_PUBLIC",
    "ข้อมูลความลับทางราชการ": "NON_PUBLIC",
}

# Resource formats as people type them -> EU file type table; others become a labelled node.
FILE_TYPES = {
    "CSV": "CSV", "TSV": "TSV", "JSON": "JSON", "XML": "XML", "PDF": "PDF", "XLS": "XLS",
    "XLSX": "XLSX", "ODS": "ODS", "DOC": "DOC", "DOCX": "DOCX", "ODT": "ODT", "HTML": "HTML",
    "TXT": "TXT", "TEXT": "TXT", "ZIP": "ZIP", "SHP": "SHP", "SHAPEFILE": "SHP",
    "GEOJSON": "GEOJSON", "KML": "KML", "KMZ": "KMZ", "GML": "GML", "GEOTIFF": "GEOTIFF",
    "TIFF": "TIFF", "TIF": "TIFF", "PNG": "PNG", "JPEG": "JPEG", "JPG": "JPEG", "GIF": "GIF",
    "RDF": "RDF_XML", "RDF/XML": "RDF_XML", "TTL": "RDF_TURTLE", "TURTLE": "RDF_TURTLE",
    "JSON-LD": "JSON_LD", "JSONLD": "JSON_LD", "PPT": "PPT", "PPTX": "PPTX", "MP4": "MP4",
    "MP3": "MP3", "SQL": "SQL", "PARQUET": "PARQUET",
}  # fmt: skip


def file_type(fmt: str) -> URIRef | None:
    code = FILE_TYPES.get(fmt.strip().upper())
    return eu("file-type", code) if code else None


_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")


def media_type(mimetype: str) -> URIRef | None:
    """IANA's URI for a media type such as `text/csv` (parameters dropped), or None."""
    value = (mimetype or "").split(";", 1)[0].strip().lower()
    return URIRef(IANA_MEDIA_TYPES + value) if _MEDIA_TYPE.match(value) else None


# Resource.hash is "<algorithm>:<hex>" (uploads get sha256).
CHECKSUM_ALGORITHMS = {
    "sha256": SPDX.checksumAlgorithm_sha256,
    "sha1": SPDX.checksumAlgorithm_sha1,
    "sha512": SPDX.checksumAlgorithm_sha512,
    "md5": SPDX.checksumAlgorithm_md5,
}
_HEX = re.compile(r"^[0-9a-fA-F]+$")


def checksum(value: str) -> tuple[URIRef, str] | None:
    algorithm, _, digest = (value or "").partition(":")
    node = CHECKSUM_ALGORITHMS.get(algorithm.strip().lower())
    if node is None or not _HEX.match(digest.strip()):
        return None
    return node, digest.strip().lower()


_THAI = re.compile("[\u0e00-\u0e7f]")


def text(value: str) -> Literal:
    """A literal tagged @th when it holds Thai script (titles may also be English only)."""
    return Literal(value, lang="th") if _THAI.search(value) else Literal(value)


def web_uri(value: object) -> URIRef | None:
    """An absolute http(s)/ftp URL as a URIRef safe in every syntax, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "ftp") or not parts.netloc:
        return None
    return URIRef(iri_to_uri(raw))


def mailto(email: str) -> URIRef | None:
    value = (email or "").strip()
    if "@" not in value or any(c.isspace() for c in value) or len(value) > 300:
        return None
    return URIRef("mailto:" + iri_to_uri(value))


def decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


__all__ = [
    "DCAT", "DCTERMS", "FOAF", "GDC", "GEO", "HYDRA", "OWL", "RDF", "RDFS", "SKOS", "SPDX",
    "VCARD", "XSD",
]  # fmt: skip
