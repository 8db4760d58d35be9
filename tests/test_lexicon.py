"""The lexicon (grammars/lexicon.lark): each entry's real forms and near misses, and proof that the
grammars' terminals and the package's Python regexes are built from it rather than copying it."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from uchwaly_parser import diagnostics, lexicon, locate, structure, values
from uchwaly_parser.citations import patterns, scan
from uchwaly_parser.grammar import get_parser, grammar_dir, terminals
from uchwaly_parser.render import text as render_text

# entry -> (forms it reads whole, as printed in real texts; near misses it must not read whole)
TABLE: dict[str, tuple[list[str], list[str]]] = {
    "ENACTING_VERB": (
        ["uchwala", "UCHWALA", "postanawia", "POSTANAWIA", "u c h w a l a", "u c h w a ł a"],
        ["Uchwała", "uchwały", "uchwalenia", "postanowienie"],
    ),
    "AS_FOLLOWS": (["co następuje", "co nastepuje", "CO NASTĘPUJE", "co\nnastępuje"], ["co roku", "conastępuje"]),
    "COUNCIL": (["Rada", "RADA", "R a d a", "Sejmik", "SEJMIK"], ["rada", "Rady", "Zarząd"]),
    "LEGAL_BASIS_LEAD": (
        ["Na podstawie", "na podstawie", "NA PODSTAWIE", "Na\npodstawie", "Na mocy", "W oparciu o"],
        ["Na podstawach", "na mocy", "Zgodnie z", "Stosownie do"],
    ),
    "ACTING": (["Działając", "działając", "DZIAŁAJĄC"], ["działa", "działających"]),
    "PREPOSITION": (["w", "we", "z", "ze", "i", "o", "do", "na", "od", "lub", "niż", "oraz", "przez"],
                    ["W", "Oraz", "wg", "ul", "lub.", "przy"]),
    "MONTH_GENITIVE": (["stycznia", "października", "GRUDNIA", "Maja"], ["styczeń", "pazdziernika", "maj"]),
    "MONTH_NOMINATIVE": (["styczeń", "październik", "maj", "LUTY"], ["stycznia", "lutego"]),
    "MONTH_ROMAN": (["I", "IV", "IX", "XII"], ["XIII", "iv", "IIII"]),
    "DZIENNIK_USTAW": (
        ["Dz. U.", "Dz.U.", "Dz U", "dz.U.", "DzU", "Dziennik Ustaw", "Dziennika Ustaw", "Dzienniku Ustaw"],
        ["Dz. Urz.", "Dziennik Urzędowy", "Dz. W."],
    ),
    "MONITOR_POLSKI": (["M.P.", "M. P.", "M.P", "Monitor Polski", "Monitora Polskiego", "Monitorze Polskim"],
                       ["MP", "M.Pr.", "Monitor Sądowy"]),
    "DZIENNIK_WOJEWODZKI": (
        ["Dz. Urz. Woj. Op.", "Dz. Urzęd. Woj. Wlkp.", "Dz. Woj. Mazowieckiego", "Dz. Urz. Woj. Warm.-Maz.",
         "Dz. Urz. Województwa Śląskiego", "Dz.Urz.Woj.Lub."],
        ["Dz. U.", "Dz. Urz. Woj.", "Dz. Urz. Woj. opolskiego"],
    ),
    "DZIENNIK_WOJEWODZKI_WORDS": (
        ["Dziennik Urzędowy Województwa", "Dzienniku Urzędowym Województwa", "DZIENNIK URZĘDOWY WOJEWÓDZTWA"],
        ["Dziennik Urzędowy", "Dzienniki Urzędowe Województw"],
    ),
    "DZIENNIK_WOJEWODZKI_NAMED": (
        ["Dziennik Urzędowy Województwa Mazowieckiego", "Dzienniku Urzędowym Województwa Śląskiego",
         "Dziennika Urzędowego Województwa Kujawsko-Pomorskiego", "DZIENNIK URZĘDOWY WOJEWÓDZTWA OPOLSKIEGO"],
        ["Dziennik Urzędowy Województwa", "Dziennik Urzędowy Gminy Opole", "Dziennik Ustaw"],
    ),
    "CLOSING_OPENING": (
        ["Wykonanie uchwały powierza się", "Uchwała wchodzi w życie", "Uchwała podlega", "Uchwała\nwchodzi w życie"],
        ["Wykonanie uchwały", "uchwała wchodzi w życie", "Uchwała traci moc"],
    ),
    "IN_FORCE": (
        ["wchodzi w życie", "Wchodzi w życie", "wchodzą w życie", "WCHODZI W ŻYCIE", "obowiązuje od", "Traci moc"],
        ["wejdzie w życie", "obowiązuje", "traci ważność"],
    ),
    "CHAIR": (
        ["Przewodniczący", "Przewodnicząca", "Wiceprzewodniczący", "PRZEWODNICZĄCY", "WICEPRZEWODNICZĄCA"],
        ["przewodniczący", "Przewodniczącego", "Przewodniczącym"],
    ),
}

# Each entry used in a sentence of a real text: the entry's match, found in the line (from the corpus)
IN_CONTEXT: list[tuple[str, str, str]] = [
    ("ENACTING_VERB", "z późn. zm.) Rada Gminy Budry uchwała, co następuje:", "uchwała"),
    ("ENACTING_VERB", "– Rada Miejska w Brzostku  u c h w a l a, co następuje:", "u c h w a l a"),
    ("ENACTING_VERB", "Uchwała Nr 5 Rady Gminy, uchwała budżetowa", ""),  # the noun: no verb here
    ("LEGAL_BASIS_LEAD", "Zgodnie z art. 18 ust.2 pkt 13 ustawy z dnia 8 marca 1990 r.", "Zgodnie z"),
    ("LEGAL_BASIS_LEAD", "Stosownie do § 3 rozporządzenia", "Stosownie do"),
    ("LEGAL_BASIS_LEAD", "zgodnie z planem", ""),
    ("DZIENNIK_WOJEWODZKI", "(Dz. Urz. Woj. Op. z 2012 r. poz. 687, z 2013 r.", "Dz. Urz. Woj. Op."),
    ("MONITOR_POLSKI", "na lata 2019-2023 (M.P. z 2018r. poz.1007) uchwala się", "M.P."),
    ("CLOSING_OPENING", "§ 3. Uchwała podlega ogłoszeniu w Dzienniku Urzędowym", "Uchwała podlega"),
]


@pytest.mark.parametrize(("entry", "forms", "misses"), [(e, f, m) for e, (f, m) in TABLE.items()])
def test_entry_reads_its_forms_and_not_its_near_misses(entry: str, forms: list[str], misses: list[str]) -> None:
    regex = lexicon.regex(entry)
    assert [form for form in forms if not regex.fullmatch(form)] == []
    assert [miss for miss in misses if regex.fullmatch(miss)] == []


@pytest.mark.parametrize(("entry", "line", "found"), IN_CONTEXT)
def test_entry_in_a_real_line(entry: str, line: str, found: str) -> None:
    match = lexicon.regex(entry).search(line)
    assert (match.group(0) if match else "") == found


def _entries() -> list[str]:
    text = (grammar_dir() / lexicon.FILE).read_text(encoding="utf-8")
    return re.findall(r"(?m)^([A-Z][A-Z_]*):", text)


def test_every_entry_has_a_table_row() -> None:
    assert sorted(set(_entries()) - set(TABLE) - {"MONTH"}) == []


@pytest.mark.parametrize("entry", _entries())
def test_entry_can_be_joined_into_a_longer_pattern(entry: str) -> None:
    # Lark joins the pieces of a terminal without brackets: an entry with a top-level "|" would
    # split the terminal it is built into ("Rada uchwala|postanawia" is "Rada uchwala" or "postanawia").
    joined = re.compile("<" + lexicon.pattern(entry) + ">")
    assert [form for form in TABLE.get(entry, ([], []))[0] if not joined.fullmatch("<" + form + ">")] == []


def test_months_in_calendar_order() -> None:
    assert lexicon.words("MONTH_GENITIVE")[9] == "października"
    assert lexicon.words("MONTH_NOMINATIVE")[4] == "maj"
    numbers = lexicon.month_numbers()
    assert [numbers[w] for w in ("stycznia", "luty", "marzec", "IV", "maja", "VI", "lipiec", "sierpnia", "IX",
                                 "październik", "XI", "grudnia")] == list(range(1, 13))
    assert len(numbers) == 36


def test_unknown_entry_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="NO_SUCH"):
        lexicon.pattern("NO_SUCH")
    with pytest.raises(ValueError, match="ENACTING_VERB"):
        lexicon.words("ENACTING_VERB")  # a regex, not a word list


# ---- one date reader ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("z dnia 29 października 2015 r.", "2015-10-29"),
    ("z dnia 8 MARCA 1990 r.", "1990-03-08"),
    ("zdnia 8marca 1990r.", "1990-03-08"),
    ("23 październik 2008r", "2008-10-23"),
    ("z dnia 12.IV.2005 r.", "2005-04-12"),
    ("1 III 2005", "2005-03-01"),
    ("z dnia 28.09.2006", "2006-09-28"),
    ("24-09-2020", "2020-09-24"),
    ("2008-02-20", "2008-02-20"),
    ("z dnia 31 lutego 2015 r.", None),  # no such day
    ("z dnia 7 czerwca 21 r.", None),  # the year's digits lost
    ("z dnia ……… 2013 r.", None),
])
def test_one_date_reader_for_headers_and_citations(text: str, iso: str | None) -> None:
    value = values.read_date(text)
    assert (value.isoformat() if value else None) == iso


# ---- derived, not copied ---------------------------------------------------------------------------

def _terminal(grammar: str, name: str) -> str:
    return next(t.pattern.to_regexp() for t in get_parser(grammar).terminals if t.name == name)


@pytest.mark.parametrize(("entry", "grammar", "terminal"), [
    ("ENACTING_VERB", "resolution", "VERB"),
    ("ENACTING_VERB", "resolution", "BODY_NAME"),
    ("ENACTING_VERB", "resolution", "BASIS_LINE"),
    ("ENACTING_VERB", "citations", "STOP"),
    ("COUNCIL", "resolution", "ENACTING_LEAD"),
    ("LEGAL_BASIS_LEAD", "resolution", "BASIS_LEAD"),
    ("LEGAL_BASIS_LEAD", "resolution", "SUBJECT"),
    ("LEGAL_BASIS_LEAD", "resolution", "HEADER_NOISE"),
    ("LEGAL_BASIS_LEAD", "resolution", "DATE"),
    ("AS_FOLLOWS", "resolution", "ENACTING_TAIL"),
    ("MONTH", "citations", "DATE"),
    ("DZIENNIK_USTAW", "citations", "JOURNAL_DU"),
    ("DZIENNIK_USTAW", "citations", "JOURNAL_ISSUE"),
    ("MONITOR_POLSKI", "citations", "JOURNAL_MP"),
    ("DZIENNIK_WOJEWODZKI", "citations", "JOURNAL_VOIV"),
    ("DZIENNIK_WOJEWODZKI_NAMED", "citations", "JOURNAL_ISSUE"),
    ("DZIENNIK_WOJEWODZKI_NAMED", "resolution", "PAGE_FURNITURE"),
    ("CHAIR", "resolution", "SIGNATURE_ROLE"),
])
def test_grammar_terminal_is_built_from_the_entry(entry: str, grammar: str, terminal: str) -> None:
    assert lexicon.pattern(entry) in _terminal(grammar, terminal)


@pytest.mark.parametrize(("entry", "regex"), [
    ("ENACTING_VERB", locate.ENACTING),
    ("AS_FOLLOWS", locate.ENACTING),
    ("LEGAL_BASIS_LEAD", locate.LEGAL_BASIS),
    ("DZIENNIK_WOJEWODZKI_NAMED", locate.MASTHEAD),
    ("MONTH_ROMAN", values._WORD_DATE),
    ("LEGAL_BASIS_LEAD", diagnostics.PROVISION_DAMAGED),
    ("DZIENNIK_USTAW", diagnostics.REFERENCE_DIGITS_LOST),
    ("IN_FORCE", diagnostics.CLOSING_CLAUSE),
    ("CLOSING_OPENING", structure._CLOSING_CLAUSE),
    ("DZIENNIK_USTAW", scan.JOURNAL),
    ("DZIENNIK_WOJEWODZKI", scan.JOURNAL),
    ("MONITOR_POLSKI", scan.JOURNAL),
    ("DZIENNIK_WOJEWODZKI_NAMED", scan.JOURNAL),
    ("DZIENNIK_WOJEWODZKI", patterns.JOURNALS["JOURNAL_VOIV"]),
    ("DZIENNIK_WOJEWODZKI_NAMED", patterns.JOURNALS["JOURNAL_VOIV_NAMED"]),
    ("DZIENNIK_USTAW", patterns.JOURNALS["JOURNAL_DU"]),
    ("MONITOR_POLSKI", patterns.JOURNALS["JOURNAL_MP"]),
])
def test_python_regex_is_built_from_the_entry(entry: str, regex: re.Pattern[str]) -> None:
    assert lexicon.pattern(entry) in regex.pattern


@pytest.mark.parametrize("entry", ["DZIENNIK_USTAW", "MONITOR_POLSKI", "DZIENNIK_WOJEWODZKI", "DZIENNIK_WOJEWODZKI_NAMED"])
def test_prefilter_finds_every_journal_form(entry: str) -> None:
    # The prefilter looks for a journal only where one of its first letters stands (a speed device):
    # every form of every journal must start with one, and open a window.
    forms = TABLE[entry][0]
    assert [form for form in forms if not form.startswith(scan.JOURNAL_GATES)] == []
    for form in forms:
        line = f"zgodnie z ustawą ({form} z 2014 r. poz. 1793)"
        start = line.index(form)
        assert any(a <= start and start + len(form) <= b for a, b in scan.windows(line)), form


def test_value_tables_come_from_the_lexicon() -> None:
    assert lexicon.words("MONTH_GENITIVE") == render_text.MONTHS
    assert lexicon.month_numbers() == values.MONTHS


# Words of the lexicon that no other grammar rule or Python string may spell out again. Each is a
# telltale of one entry: the months, the enacting verbs, the lead-ins, the journals, the chair, the
# closing clauses. (Lexicon entry NAMES, such as MONITOR_POLSKI, are in capitals and do not count.)
TELLTALES = re.compile(
    "(?i:" + "|".join(lexicon.words("MONTH_GENITIVE") + lexicon.words("MONTH_NOMINATIVE")) + ")"
    + r"|c h w a|(?i:postanaw|podstawie|oparciu|stosownie\\s|zgodnie\\s)|Dz\\\.\?\\s\?U|M\\\.\\s\?P"
    + r"|(?i:dziennik\w*\\s\+(?:ustaw|urzędow\w*\\s\+woj))|Monitor|(?i:przewodnicz|wykonanie\\s|wchodz)"
)
# Where such a word stands for another fact (file, the telltale it holds, why it is no copy)
NOT_A_COPY = {
    ("diagnostics.py", "podstawie"): "a message naming the missing part",
    ("query.py", "zgodnie\\s"): "a cross-reference's pointing phrase ('zgodnie z § 3' inside the body)",
    ("query.py", "stosownie\\s"): "a cross-reference's pointing phrase",
}


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    found = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.STRING:
            continue
        docstring = (i == 0 or tokens[i - 1].type in (tokenize.INDENT, tokenize.NEWLINE, tokenize.NL, tokenize.DEDENT)) \
            and tokens[i + 1].type == tokenize.NEWLINE
        if not docstring:
            found.append((tok.start[0], tok.string))
    return found


def test_lexicon_words_are_written_in_one_place() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "uchwaly_parser"
    copies = []
    for path in sorted(src.rglob("*.py")):
        for line, literal in _string_literals(path):
            copies += [f"{path.name}:{line}: {m.group(0)}" for m in TELLTALES.finditer(literal)
                       if (path.name, m.group(0).lower()) not in NOT_A_COPY]
    for path in sorted(grammar_dir().glob("*.lark")):
        if path.name == lexicon.FILE:
            continue
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not text.lstrip().startswith("//"):
                copies += [f"{path.name}:{number}: {m.group(0)}" for m in TELLTALES.finditer(text)]
    assert copies == []


# ---- the citation builder's readers, assembled from the citation grammar's terminals ----------------

@pytest.mark.parametrize(("piece", "terminal"), [
    ("UNIT_KW", "UNIT_KW"), ("NUMBER", "NUMBER"), ("RANGE", "RANGE"), ("NSEP", "NSEP"), ("LETTER", "LETTER"),
    ("LSEP", "LSEP"), ("TIRET_KW", "TIRET_KW"), ("ORDINAL", "ORDINAL"), ("YEAR", "YEAR"),
    ("EMPTY_YEAR", "_EMPTY_YEAR"), ("NR", "NR"), ("POZ", "POZ"),
])
def test_pattern_piece_is_the_grammars_terminal(piece: str, terminal: str) -> None:
    assert getattr(patterns, piece) == terminals("citations").patterns[terminal]


@pytest.mark.parametrize(("regex", "pieces"), [
    (patterns.UNIT, ("UNIT_KW", "NUMBER", "RANGE", "NSEP", "LETTER", "LSEP", "TIRET_KW", "ORDINAL")),
    (patterns.ISSUE_PART, ("YEAR", "_EMPTY_YEAR", "NR", "POZ", "NSEP", "NUMBER")),
])
def test_reader_is_assembled_from_terminals(regex: re.Pattern[str], pieces: tuple[str, ...]) -> None:
    assert [p for p in pieces if terminals("citations").patterns[p] not in regex.pattern] == []


def test_patterns_module_writes_no_terminal_again() -> None:
    # Its only regex literals are the glue between terminals (group names, blanks, "lit."), never a piece
    # of a terminal: a unit keyword, a year, a number, a journal.
    source = Path(patterns.__file__)
    literals = " ".join(literal for _line, literal in _string_literals(source))
    assert re.findall(r"\[Aa\]rt|\[Pp\]\[oó\]z|\[Nn\]\[Rr\]|\[zZ\]|\\d\{|[Uu]staw|Dz", literals) == []
