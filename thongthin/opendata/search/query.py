"""CKAN's search parameters as a backend-neutral plan: `q` and `fq` (a small Lucene/Solr query
language) parsed into a tree of nodes, and `sort` checked against the sortable fields. A
backend turns the plan into its own query (SQL here; an OpenSearch backend would build its DSL).

The language: `field:value`, `field:"quoted value"`, `field:prefix*`, `field:*` (has a value),
`field:(a OR b)`, ranges `field:[a TO b]` / `{a TO b}` with `*` for an open end and Solr's `NOW`
date math, `AND`, `OR`, `NOT`, `&&`, `||`, `!`, `-clause`, `+clause`, parentheses; clauses next
to each other must all match (CKAN sets `q.op=AND`). A word without a field searches the text.
Anything else raises `SearchQueryError`, which CKAN answers with HTTP 400.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thongthin.opendata.ckan.errors import SearchQueryError

from .dates import parse_date
from .words import Alternatives, alternatives

# --- Fields -------------------------------------------------------------------------------------

# Exact-value fields of one value per dataset (columns of SearchDocument).
COLUMN_FIELDS = {
    "id": "dataset_id",
    "name": "name",
    "state": "state",
    "type": "type",
    "dataset_type": "type",
    "organization": "organization",
    "owner_org": "owner_org_id",
    "license_id": "license_id",
    "data_type": "data_type",
    "data_category": "data_category",
    "title_string": "title",
}
# Exact-value fields of any number of values (rows of SearchFacet).
MULTI_FIELDS = {"tags", "groups", "res_format"}
DATE_FIELDS = {"metadata_modified": "metadata_modified", "metadata_created": "metadata_created"}
# Full-text fields: which words they search (see SearchDocument's *_words columns).
TEXT_FIELDS = {
    "text": "all",
    "title": "title",
    "notes": "notes",
    "res_name": "other",
    "res_description": "other",
}
SPECIAL_FIELDS = {"capacity"}  # public / private
FACET_FIELDS = (
    "organization", "groups", "tags", "res_format", "license_id", "data_type", "data_category",
)  # fmt: skip
KNOWN_FIELDS = sorted({*COLUMN_FIELDS, *MULTI_FIELDS, *DATE_FIELDS, *TEXT_FIELDS, *SPECIAL_FIELDS})

SORT_FIELDS = {
    "score", "rank", "metadata_modified", "metadata_created", "title_string", "name",
    "views_recent", "views_total",
}  # fmt: skip
DEFAULT_SORT = "score desc, metadata_modified desc"

MAX_QUERY_CHARS = 4000
MAX_NODES = 100
MAX_DEPTH = 32
MAX_SCORED = 16  # query words that rank (the rest only filter)

# --- Nodes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    pass


@dataclass(frozen=True)
class MatchAll(Node):
    pass


@dataclass(frozen=True)
class MatchNone(Node):
    pass


@dataclass(frozen=True)
class And(Node):
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not(Node):
    child: Node


@dataclass(frozen=True)
class Text(Node):
    """Full-text words. `field` is one of TEXT_FIELDS' values: all, title, notes, other."""

    field: str
    alternatives: Alternatives


@dataclass(frozen=True)
class Exact(Node):
    """`field` is a key of COLUMN_FIELDS or MULTI_FIELDS. With `prefix`, the value is a
    beginning ("" = any value)."""

    field: str
    value: str
    prefix: bool = False


@dataclass(frozen=True)
class Capacity(Node):
    private: bool


@dataclass(frozen=True)
class DateRange(Node):
    field: str  # a key of DATE_FIELDS
    low: dt.datetime | None
    high: dt.datetime | None
    low_inclusive: bool = True
    high_inclusive: bool = True


# --- Plan ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SortKey:
    field: str  # "score" for score/rank
    descending: bool


@dataclass(frozen=True)
class Plan:
    condition: Node
    scored: tuple[Text, ...]  # the words of `q` that give a dataset its score
    sort: tuple[SortKey, ...]
    sort_text: str
    # Of the scored words, the ones every match has (q's words joined by AND, not OR or NOT).
    required: frozenset[Text] = frozenset()


def plan_for(*, q: str, fq: str = "", fq_list: tuple[str, ...] = (), sort: str | None) -> Plan:
    q_node = parse_q(q)
    parts = [q_node, *(parse(text) for text in (fq, *fq_list) if text and text.strip())]
    keys, sort_text = parse_sort(sort)
    return Plan(
        condition=simplify(And(tuple(parts))),
        scored=tuple(_scored_words(q_node))[:MAX_SCORED],
        required=frozenset(_required_words(q_node)),
        sort=keys,
        sort_text=sort_text,
    )


def parse_q(q: str) -> Node:
    """`q`: everything when empty or `*:*`; a fielded query when it names a field; otherwise
    words, and if those do not parse (an unmatched quote or parenthesis), simply its words."""
    text = (q or "").strip()
    if text in {"", "*:*", '""', "''", "*"}:
        return MatchAll()
    if len(text) > MAX_QUERY_CHARS or re.search(r"(?:^|[\s(+\-!])[A-Za-z_][A-Za-z0-9_]*:", text):
        return parse(text)
    try:
        return parse(text)
    except SearchQueryError:
        words = re.sub(r'[()"\[\]{}]', " ", text).split()[:MAX_NODES]
        return simplify(And(tuple(_text("all", w.lstrip("+-!")) for w in words)))


def parse(text: str) -> Node:
    """A query in the language above (`fq`, a fielded `q`)."""
    if "{!" in text:
        raise SearchQueryError("local parameters ({!...}) are not supported")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    return simplify(_Parser(text).parse())


def parse_sort(sort: str | None) -> tuple[tuple[SortKey, ...], str]:
    text = (sort or "").strip()
    if not text or text == "rank":
        text = DEFAULT_SORT
    keys: list[SortKey] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*([A-Za-z_]+)\s+(asc|desc|ASC|DESC)\s*", part)
        if not match or match.group(1) not in SORT_FIELDS:
            raise SearchQueryError(
                f"invalid sort {part.strip()[:100]!r}: use 'field asc|desc' separated by commas, "
                f"fields {', '.join(sorted(SORT_FIELDS))}"
            )
        field = "score" if match.group(1) in {"score", "rank"} else match.group(1)
        keys.append(SortKey(field, match.group(2).lower() == "desc"))
    return tuple(keys), ", ".join(f"{k.field} {'desc' if k.descending else 'asc'}" for k in keys)


def simplify(node: Node) -> Node:
    """Flatten nested AND/OR, drop MatchAll from AND, fold single children."""
    if isinstance(node, And | Or):
        kind = type(node)
        children: list[Node] = []
        for child in (simplify(c) for c in node.children):
            if isinstance(child, kind):
                children.extend(child.children)
            else:
                children.append(child)
        if kind is And:
            if any(isinstance(c, MatchNone) for c in children):
                return MatchNone()
            children = [c for c in children if not isinstance(c, MatchAll)]
            if not children:
                return MatchAll()
        else:
            if any(isinstance(c, MatchAll) for c in children):
                return MatchAll()
            children = [c for c in children if not isinstance(c, MatchNone)]
            if not children:
                return MatchNone()
        return children[0] if len(children) == 1 else kind(tuple(children))
    if isinstance(node, Not):
        child = simplify(node.child)
        if isinstance(child, MatchAll):
            return MatchNone()
        if isinstance(child, MatchNone):
            return MatchAll()
        if isinstance(child, Not):
            return child.child
        return Not(child)
    return node


def _required_words(node: Node) -> list[Text]:
    if isinstance(node, Text):
        return [node]
    if isinstance(node, And):
        return [t for child in node.children for t in _required_words(child)]
    return []


def _scored_words(node: Node) -> list[Text]:
    if isinstance(node, Text):
        return [node]
    if isinstance(node, And | Or):
        return [t for child in node.children for t in _scored_words(child)]
    return []  # under NOT, or not words


def _text(field: str, value: str, *, phrase: bool = False) -> Node:
    found = alternatives(value, phrase=phrase)
    return Text(field, found) if found else MatchAll()


# --- Parser -------------------------------------------------------------------------------------

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STOP = set(" \t\r\n()")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.nodes = 0

    # Entry and grammar -----------------------------------------------------------------------

    def parse(self) -> Node:
        node = self._or(None, 0)
        self._space()
        if self.pos < len(self.text):
            self._fail(f"unexpected {self.text[self.pos]!r}")
        return node

    def _or(self, field: str | None, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise SearchQueryError("the query nests parentheses too deeply")
        items = [self._and(field, depth)]
        while self._keyword("OR") or self._symbol("||"):
            items.append(self._and(field, depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self, field: str | None, depth: int) -> Node:
        items = [self._unary(field, depth)]
        while True:
            self._space()
            if self.pos >= len(self.text) or self.text[self.pos] == ")" or self._at_or():
                break
            self._keyword("AND") or self._symbol("&&")
            items.append(self._unary(field, depth))
        return items[0] if len(items) == 1 else And(tuple(items))

    def _unary(self, field: str | None, depth: int) -> Node:
        self._space()
        if self._keyword("NOT") or self._prefix_symbol("!"):
            return Not(self._unary(field, depth + 1))
        if self._prefix_symbol("-"):
            return Not(self._primary(field, depth))
        self._prefix_symbol("+")
        return self._primary(field, depth)

    def _primary(self, field: str | None, depth: int) -> Node:
        self._count()
        self._space()
        if self.pos >= len(self.text):
            self._fail("the query ends where a term was expected")
        char = self.text[self.pos]
        if char == "(":
            self.pos += 1
            node = self._or(field, depth + 1)
            self._expect(")")
            return node
        if char == ")":
            self._fail("unexpected ')'")
        if field is None and self.text.startswith("*:*", self.pos):
            self.pos += 3
            return MatchAll()
        if char in '"[{':
            return self._value(field or "text", depth)
        word, colon = self._word(stop_at_field=field is None)
        if colon:
            name = word
            if name not in KNOWN_FIELDS:
                self._fail(f"unknown field {name!r}; fields: {', '.join(KNOWN_FIELDS)}")
            self.pos += 1  # the colon
            if self.pos >= len(self.text) or self.text[self.pos] in " \t\r\n)":
                self._fail(f"no value after {name}:")
            if self.text[self.pos] == "(":
                self.pos += 1
                node = self._or(name, depth + 1)
                self._expect(")")
                return node
            return self._value(name, depth)
        return _term(field or "text", word, quoted=False, raw=True)

    def _value(self, field: str, depth: int) -> Node:
        char = self.text[self.pos]
        if char == '"':
            return _term(field, self._quoted(), quoted=True, raw=False)
        if char in "[{":
            return self._range(field)
        word, _ = self._word(stop_at_field=False)
        if not word:
            self._fail(f"no value for {field}")
        return _term(field, word, quoted=False, raw=True)

    def _range(self, field: str) -> Node:
        start = self.pos
        low_inclusive = self.text[self.pos] == "["
        self.pos += 1
        ends = [i for i in (self.text.find("]", self.pos), self.text.find("}", self.pos)) if i >= 0]
        end = min(ends, default=-1)
        if end < 0:
            self.pos = start
            self._fail("a range is not closed with ] or }")
        inside = self.text[self.pos : end]
        high_inclusive = self.text[end] == "]"
        self.pos = end + 1
        parts = re.split(r"\s+TO\s+", inside.strip())
        if len(parts) != 2:
            self.pos = start
            self._fail("a range must read [from TO to]")
        if field not in DATE_FIELDS:
            raise SearchQueryError(
                f"ranges are supported on {', '.join(DATE_FIELDS)}, not on {field!r}"
            )
        low, high = (parse_date(field, p.strip().strip('"')) for p in parts)
        return DateRange(field, low, high, low_inclusive, high_inclusive)

    # Lexing ----------------------------------------------------------------------------------

    def _word(self, *, stop_at_field: bool) -> tuple[str, bool]:
        """Read a bare word (backslash escapes a character). Returns (word, stopped at the colon
        after a field name). A trailing unescaped * is kept as "*" at the end."""
        chars: list[str] = []
        plain = True  # no escapes: may be a field name
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                chars.append("\\" + self.text[self.pos + 1])
                plain = False
                self.pos += 2
                continue
            if char in _STOP:
                break
            if char == ":" and stop_at_field and plain and _IDENT.fullmatch("".join(chars)):
                return "".join(chars), True
            chars.append(char)
            self.pos += 1
        return "".join(chars), False

    def _quoted(self) -> str:
        start = self.pos
        self.pos += 1
        chars: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                chars.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char == '"':
                self.pos += 1
                return "".join(chars)
            chars.append(char)
            self.pos += 1
        self.pos = start
        self._fail("a quote is not closed")
        raise AssertionError  # unreachable

    def _space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def _keyword(self, word: str) -> bool:
        self._space()
        end = self.pos + len(word)
        if self.text.startswith(word, self.pos) and (
            end == len(self.text) or self.text[end] in " \t\r\n("
        ):
            self.pos = end
            return True
        return False

    def _at_or(self) -> bool:
        saved = self.pos
        found = self._keyword("OR") or self._symbol("||")
        self.pos = saved
        return found

    def _symbol(self, symbol: str) -> bool:
        self._space()
        if self.text.startswith(symbol, self.pos):
            self.pos += len(symbol)
            return True
        return False

    def _prefix_symbol(self, symbol: str) -> bool:
        """-, + or ! directly before a clause (alone, it is just a character)."""
        after = self.pos + 1
        if (
            self.text.startswith(symbol, self.pos)
            and after < len(self.text)
            and self.text[after] not in " \t\r\n)"
        ):
            self.pos = after
            return True
        return False

    def _expect(self, char: str) -> None:
        self._space()
        if self.pos >= len(self.text) or self.text[self.pos] != char:
            self._fail(f"expected {char!r}")
        self.pos += 1

    def _count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SearchQueryError(f"the query has more than {MAX_NODES} terms")

    def _fail(self, why: str) -> None:
        raise SearchQueryError(f"{why} at position {self.pos + 1} of {self.text[:200]!r}")


def _unescape(word: str) -> tuple[str, bool]:
    """A bare word's value and whether it ends with an unescaped * (a prefix)."""
    prefix = word.endswith("*") and not word.endswith("\\*")
    if prefix:
        word = word[:-1]
    return re.sub(r"\\(.)", r"\1", word), prefix


def _term(field: str, word: str, *, quoted: bool, raw: bool) -> Node:
    value, prefix = _unescape(word) if raw else (word, False)
    if field in TEXT_FIELDS:
        if not value:
            return MatchAll()
        return _text(TEXT_FIELDS[field], value, phrase=quoted)
    if field in DATE_FIELDS:
        if prefix and not value:
            return DateRange(field, None, None)
        moment = parse_date(field, value)
        return DateRange(field, moment, moment)
    if field == "capacity":
        if prefix and not value:
            return MatchAll()
        if value not in {"public", "private"}:
            return MatchNone()
        return Capacity(private=value == "private")
    return Exact(field, value, prefix)
