"""Repair Thai text as PDF text layers give it, with pythainlp's dictionary as the judge.

Text exported from MS Word with TH Sarabun (and from PowerPoint/LibreOffice) comes out of
pdfplumber with sara am lost ("ส านักงาน"), marks moved one letter right with a spurious
space after them ("ขอ้ มลู"), spaces before marks ("ชื ่อ"), Private Use Area glyphs for the
shifted/low marks, and the odd dropped vowel ("สาธารณส ข"). `repair_text` undoes these; a space
is only removed (or a mark moved, or a vowel put back) when the result has fewer letters outside
dictionary words, so the spaces Thai writes between phrases stay.

Thai digits are kept: the parsers convert numbers.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from pythainlp.corpus import thai_words, tnc
from pythainlp.tokenize import word_tokenize

CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก..ฮ
ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
SIGNS = "\u0e4c\u0e4d\u0e4e"  # ์ ํ ๎
# Marks that sit on a base letter and have no width of their own.
MARKS = ABOVE_BELOW_VOWELS + TONES + SIGNS
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"
MAI_EK = "\u0e48"
MAI_THO = "\u0e49"
SARA_UU = "\u0e39"

# Word's Thai fonts (TH Sarabun, Angsana...) draw the shifted and lowered marks with these
# glyphs; a PDF without a ToUnicode entry for them leaks the PUA code points.
PUA_TO_THAI: dict[int, str] = {
    0xF700: "\u0e10",  # ฐ without its tail
    0xF701: "\u0e34",
    0xF702: "\u0e35",
    0xF703: "\u0e36",
    0xF704: "\u0e37",
    0xF705: "\u0e48",
    0xF706: "\u0e49",
    0xF707: "\u0e4a",
    0xF708: "\u0e4b",
    0xF709: "\u0e4c",
    0xF70A: "\u0e48",
    0xF70B: "\u0e49",
    0xF70C: "\u0e4a",
    0xF70D: "\u0e4b",
    0xF70E: "\u0e4c",
    0xF70F: "\u0e0d",  # ญ without its tail
    0xF710: "\u0e31",
    0xF711: "\u0e4d",
    0xF712: "\u0e47",
    0xF713: "\u0e48",
    0xF714: "\u0e49",
    0xF715: "\u0e4a",
    0xF716: "\u0e4b",
    0xF717: "\u0e4c",
    0xF718: "\u0e38",
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",
}
# Any other private-use code point is a symbol-font glyph (Wingdings bullets and ticks).
BULLET = "\u2022"
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Microsoft Sans Serif's parentheses carry the Arabic ornate parenthesis code points in MS
# Reporting Services exports: "﴾ฝ่ายการเมือง﴿".
_ORNATE_PARENS = str.maketrans("\ufd3e\ufd3f", "()")

_VOWEL_BEFORE_TONE = re.compile(f"([{TONES}\u0e4c]+)([{ABOVE_BELOW_VOWELS}]+)")
_NIKHAHIT_AA = re.compile(f"{NIKHAHIT}([{TONES}]*){SARA_AA}")
_TONE_NIKHAHIT_AA = re.compile(f"([{TONES}]+){NIKHAHIT}{SARA_AA}")
_AM_AA = re.compile(f"{SARA_AM}[{SARA_AA}{NIKHAHIT}]+|{NIKHAHIT}+{SARA_AM}")
_AA_TONE = re.compile(f"{SARA_AA}([{TONES}]+)(?=[{NIKHAHIT}{SARA_AM}])")
# A tone after sara am belongs before it (LibreOffice maps its nikhahit glyph to sara am and
# draws the tone after it: "นำ้า" is น้ำ); sara aa before sara am is the same sara am drawn in
# layout order ("นาำ").
_AM_TONE = re.compile(f"{SARA_AM}([{TONES}]+)")
_AA_AM = re.compile(f"{SARA_AA}+(?={SARA_AM})")
_SPACE_BEFORE_MARK = re.compile(
    f"(?<=[{CONSONANTS}{MARKS}\u0e30-\u0e33\u0e40-\u0e45]) +(?=[{MARKS}])"
)
_REPEATED_MARK = re.compile(f"([{MARKS}])\\1+")

# "Thai letter" for dictionary_share: a consonant, vowel or mark (U+0E01..U+0E4E) other than
# ฯ, ฿, ๆ and ๏; tokens made of digits, punctuation or ๆ alone are not counted.
_THAI_LETTER = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]")
_THAI_CHAR = re.compile("[\u0e01-\u0e4e]")


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    return frozenset(thai_words())


def dictionary_words() -> frozenset[str]:
    """pythainlp's `thai_words()`, the dictionary every repair and `dictionary_share` use."""
    return _words()


def map_pua(text: str) -> str:
    """Replace Private Use Area glyph code points by standard Thai (others by a bullet).

    >>> map_pua("ส\\uf70bวน")
    'ส้วน'
    """
    return _PUA.sub(lambda m: PUA_TO_THAI.get(ord(m.group()), BULLET), text)


def fix_marks(text: str) -> str:
    """Sara am rebuilt and marks put in standard order within each letter cluster.

    >>> fix_marks("ทํางาน ดำาเนิน น่ํา ที่่ นำ้า")
    'ทำงาน ดำเนิน น่ำ ที่ น้ำ'
    """
    # To a fixed point: a swap can bring two equal marks together ("่ิ่ิ" -> "ิ่ิ่" -> "ิ่").
    for _ in range(4):
        fixed = _fix_marks_once(text)
        if fixed == text:
            break
        text = fixed
    return text


def _fix_marks_once(text: str) -> str:
    text = _AA_TONE.sub(lambda m: m.group(1) + SARA_AA, text)
    text = _NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _TONE_NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    if SARA_AM in text:
        text = _AM_AA.sub(SARA_AM, _AA_AM.sub("", text))
        text = _AM_AA.sub(SARA_AM, _AM_TONE.sub(lambda m: m.group(1) + SARA_AM, text))
    text = _VOWEL_BEFORE_TONE.sub(lambda m: m.group(2) + m.group(1), text)
    return _REPEATED_MARK.sub(lambda m: m.group(1), text)


def normalize_chars(text: str) -> str:
    """The dictionary-free repairs: NFC, PUA, zero-width characters, sara am, mark order.

    >>> normalize_chars("ชื ่อ ส\\uf70bม")
    'ชื่อ ส้ม'
    """
    text = unicodedata.normalize("NFC", text)
    # NFC again: a mapped PUA glyph is a mark NFC may reorder (found by the property test).
    text = unicodedata.normalize("NFC", map_pua(text).translate(_ORNATE_PARENS))
    # and after removing what sat between two marks ("ุ\u200bฺ")
    text = unicodedata.normalize("NFC", _SPACE_BEFORE_MARK.sub("", _ZERO_WIDTH.sub("", text)))
    return _no_worse(fix_marks, text)


_WS_SPLIT = re.compile(r"(\s+)")


def _no_worse(repair: Callable[[str], str], text: str) -> str:
    """`repair` applied to each whitespace-separated run of `text` where it leaves the run at
    least as dictionary-like (`dictionary_cost`) as it was: a repair must never turn a word
    into a non-word (LibreOffice's "น้ำ" read "นาำ")."""
    fixed = repair(text)
    if fixed == text:
        return text
    runs = _WS_SPLIT.split(text)
    out = []
    for run in runs:
        new = repair(run) if run and not run.isspace() else run
        out.append(new if new == run or _cost(new) <= _cost(run) else run)
    return "".join(out)


def is_thai_token(token: str) -> bool:
    """True for a token that counts in `dictionary_share`: it holds a Thai letter or mark."""
    return _THAI_LETTER.search(token) is not None


def tokenize(text: str) -> list[str]:
    """newmm tokens, spaces dropped."""
    return list(_tokens(text))


# The repairs cost the same runs and lines again and again (each trial edit, each pass to the
# fixed point, headings repeated on every page): 13% of a text PDF's extraction was newmm.
@lru_cache(maxsize=1 << 14)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in word_tokenize(text, engine="newmm", keep_whitespace=False) if t.strip())


def dictionary_share(text: str) -> float:
    """Share of Thai tokens (newmm tokens holding a Thai letter, see `is_thai_token`) that are
    words of pythainlp's `thai_words()`; 1.0 when the text has no Thai token.

    >>> dictionary_share("สำนักงานสาธารณสุขอำเภอ")
    1.0
    >>> round(dictionary_share("ส านักงาน"), 2)
    0.33
    """
    tokens = [t for t in tokenize(text) if is_thai_token(t)]
    if not tokens:
        return 1.0
    words = _words()
    return sum(t in words for t in tokens) / len(tokens)


# What a text layer that decodes to junk is made of: Latin-1 and Latin Extended letters,
# Greek, Cyrillic, Armenian, symbol blocks, private-use and presentation-form code points, the
# replacement character, rare ASCII punctuation, and glyphs with no Unicode at all ("(cid:12)").
# Thai, plain Latin, digits, common punctuation and bullets are not junk.
_JUNK = re.compile(
    "\\(cid:\\d+\\)|[\u00c0-\u024f\u0370-\u058f\u2190-\u21ff\u2300-\u23ff\u2500-\u25ff"
    "\u2600-\u2bff\ue000-\uf8ff\ufb00-\ufdff\ufe70-\ufefe\ufffd!\"#$&'*;<=>?@\\[\\\\\\]^_`{|}~]"
)
# Latin that no language writes: a capital inside a lowercase run ("rinuiMu"), a letter run
# glued to digits ("l1nu"), four consonants with no vowel ("nvhg").
_ODD_LATIN = re.compile(
    "[A-Za-z]*[a-z][A-Z][A-Za-z]*|[A-Za-z]+[0-9]+[A-Za-z]+|(?<![A-Za-z])[b-df-hj-np-tv-xz]{4,}(?![A-Za-z])"
)
_LETTER = re.compile("[\u0e01-\u0e4e]|[A-Za-z]")


def junk_share(text: str) -> float:
    """Share of a text's letters (Thai, Latin and junk) that are junk: what a text layer with a
    broken font encoding decodes to. 0.0 for text with no letters.

    >>> junk_share("ประจำปีงบประมาณ พ.ศ. 2560 (Smart Farmer) 1,250.00")
    0.0
    >>> junk_share("υϔτΪΕϔτΪυϖΩ νυϒσϔεΣϔυ 0.00 21,750.00") > 0.9
    True
    """
    junk = sum(len(m) if m[0] != "(" else 1 for m in _JUNK.findall(text))
    if not junk and not _ODD_LATIN.search(text):
        return 0.0
    junk += sum(len(m) for m in _ODD_LATIN.findall(text))
    letters = len(_LETTER.findall(text)) + junk
    return min(1.0, junk / letters) if letters else 0.0


def dictionary_cost(text: str) -> tuple[int, int]:
    """Letters of `text` outside dictionary words (plus one per unknown fragment), then its
    number of Thai tokens: lower is more word-like, and between equals fewer, longer words
    ("ค่าตอบแทน" over "คา|ตอบแทน").

    >>> dictionary_cost("สำนักงาน"), dictionary_cost("ส านักงาน")[0] > 0
    ((0, 1), True)
    """
    return _cost(text)


@lru_cache(maxsize=1 << 14)
def _cost(text: str) -> tuple[int, int]:
    """Letters outside dictionary words (plus one per unknown fragment), then Thai tokens."""
    words = _words()
    thai = [t for t in tokenize(text) if is_thai_token(t)]
    return sum(len(t) + 1 for t in thai if t not in words), len(thai)


# --- spaces inside words -------------------------------------------------------------------

_Option = str  # one of the edit names below
_KEEP, _JOIN, _SHIFT, _AM_LEFT, _AM_RIGHT = "keep", "join", "shift", "am_left", "am_right"
_DROPPED = "\u0e38\u0e39\u0e34\u0e35\u0e31\u0e36\u0e37"  # vowels a broken font may drop
_MAX_COMBOS = 256
_CLEAR_MARGIN = math.log(20)  # 20 times as common
_SHIFTED_TAIL = re.compile(f"([{CONSONANTS}])([{CONSONANTS}])([{MARKS}]+)$")


def _apply(option: _Option, left: str, right: str) -> str | None:
    """Join `left` and `right` across one space as `option` says; None where it does not apply."""
    if option == _KEEP:
        return f"{left} {right}"
    if option == _JOIN:
        return left + right
    if option == _SHIFT:
        # Word's zero-width marks sort after the next letter: "ขอ้ มลู" is "ข้อมูล".
        m = _SHIFTED_TAIL.search(left)
        if not m:
            return None
        return left[: m.start()] + m.group(1) + m.group(3) + m.group(2) + right
    if option == _AM_LEFT:
        # The nikhahit became a space: "ส านักงาน".
        if right.startswith(SARA_AA) and left[-1:] and left[-1] in CONSONANTS + TONES:
            return left + SARA_AM + right[1:]
        return None
    if option == _AM_RIGHT:
        # PowerPoint's sara am: "ประจา ปี".
        if left.endswith(SARA_AA) and len(left) > 1 and left[-2] in CONSONANTS + TONES:
            return left[:-1] + SARA_AM + right
        return None
    if option.startswith("vowel"):
        vowel = option[-1]
        if left[-1:] and left[-1] in CONSONANTS and right[:1] and right[0] in CONSONANTS:
            return left + vowel + right
        return None
    raise ValueError(option)


def _unknown_edges(left: str, right: str) -> tuple[bool, bool]:
    """Whether the text next to the space is broken: an unknown token among the last two of
    `left`; the first token of `right` unknown."""
    words = _words()
    ltoks, rtoks = tokenize(left[-30:]), tokenize(right[:30])
    broken_left = any(is_thai_token(t) and t not in words for t in ltoks[-2:])
    # A short first token counts as broken too: "ส ขอ าเภอ" reads "ขอ", a word by accident.
    broken_right = (
        bool(rtoks) and is_thai_token(rtoks[0]) and (rtoks[0] not in words or len(rtoks[0]) <= 2)
    )
    return broken_left, broken_right


def _options(left: str, right: str) -> list[_Option]:
    broken_left, broken_right = _unknown_edges(left, right)
    wanted = [_JOIN, _AM_LEFT, _AM_RIGHT]
    if broken_left:  # a whole word before the space ("คนที่ ") keeps its marks
        wanted.append(_SHIFT)
    if broken_left and broken_right:  # "สาธารณส ข": both sides fragments
        wanted += [f"vowel{v}" for v in _DROPPED]
    return [_KEEP] + [o for o in wanted if _apply(o, left, right) is not None]


def _build(chunks: Sequence[str], choice: Sequence[_Option]) -> str | None:
    out = chunks[0]
    for option, right in zip(choice, chunks[1:], strict=True):
        joined = _apply(option, out, right)
        if joined is None:
            return None
        out = joined
    return out


_Scored = tuple[tuple[int, int, int], tuple[_Option, ...]]


def _score(chunks: Sequence[str], choice: tuple[_Option, ...]) -> _Scored | None:
    text = _build(chunks, choice)
    if text is None:
        return None
    unknown, tokens = _cost(text)
    return (unknown, tokens, sum(o != _KEEP for o in choice)), choice


def _candidates(chunks: Sequence[str], per_space: list[list[_Option]]) -> list[_Scored]:
    total = 1
    for opts in per_space:
        total *= len(opts)
    if total <= _MAX_COMBOS:
        found = (_score(chunks, c) for c in itertools.product(*per_space))
        return [s for s in found if s is not None]
    # Too many combinations: improve one space at a time, twice over.
    current: tuple[_Option, ...] = tuple(_KEEP for _ in per_space)
    seen: list[_Scored] = []
    for _ in range(2):
        for i, opts in enumerate(per_space):
            tried = [_score(chunks, (*current[:i], o, *current[i + 1 :])) for o in opts]
            scored = [s for s in tried if s is not None]
            seen += scored
            current = min(scored)[1]
    return seen


@lru_cache(maxsize=1)
def _freqs() -> dict[str, int]:
    return dict(tnc.word_freqs())


def _commonness(text: str) -> float:
    freqs = _freqs()
    return sum(math.log1p(freqs.get(t, 0)) for t in tokenize(text) if is_thai_token(t))


def _pick_vowel(
    chunks: Sequence[str], scored: list[_Scored], choice: tuple[_Option, ...], i: int
) -> _Option:
    """The guessed vowel at space i, or keep: it stands only where no other vowel reads as well,
    or where the words it makes are far more common (Thai National Corpus counts), as in
    "ส ขเจริญพร" (สุข, not สิข)."""
    best = min(scored)[0][:2]
    same = [
        s[1]
        for s in scored
        if s[0][:2] == best
        and s[1][i].startswith("vowel")
        and s[1][:i] + s[1][i + 1 :] == choice[:i] + choice[i + 1 :]
    ]
    ranked = sorted(((_commonness(_build(chunks, c) or ""), c[i]) for c in same), reverse=True)
    if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= _CLEAR_MARGIN:
        return ranked[0][1]
    return _KEEP


def _repair_group(chunks: list[str]) -> str:
    """Best joining of chunks separated by suspect single spaces, judged by the dictionary."""
    original = " ".join(chunks)
    base, base_tokens = _cost(original)
    per_space = [_options(a, b) for a, b in itertools.pairwise(chunks)]
    has_am = any(o in (_AM_LEFT, _AM_RIGHT) for opts in per_space for o in opts)
    if base == 0 and not has_am:
        return original
    scored = _candidates(chunks, per_space)
    (cost, tokens, _), choice = min(scored)
    # A lost nikhahit may leave two known words ("ประจา ปี" reads ประ+จา): rebuilding sara am
    # may then only make fewer words, never more unknown letters.
    am_only = all(o in (_KEEP, _AM_LEFT, _AM_RIGHT) for o in choice)
    if cost > base or (cost == base and not (am_only and tokens < base_tokens)):
        return original
    for i, option in enumerate(choice):
        if option.startswith("vowel"):
            choice = (*choice[:i], _pick_vowel(chunks, scored, choice, i), *choice[i + 1 :])
    best = _build(chunks, choice)
    if best is None or _cost(best) > (base, base_tokens):
        return original
    return best


_THAI_END = re.compile(f"[{CONSONANTS}{MARKS}\u0e30-\u0e33\u0e40-\u0e45]$")
_THAI_START = re.compile(f"^[{CONSONANTS}{MARKS}\u0e30-\u0e33\u0e40-\u0e44]")


def _suspect(left: str, right: str) -> bool:
    """A single space between Thai text that a PDF may have invented."""
    if not (_THAI_END.search(left) and _THAI_START.search(right)):
        return False
    if left[-1] in MARKS or right[0] == SARA_AA or left[-1] == SARA_AA:
        return True
    words = _words()
    ltoks, rtoks = tokenize(left[-30:]), tokenize(right[:30])
    return bool(
        (ltoks and ltoks[-1] not in words and is_thai_token(ltoks[-1]))
        or (rtoks and rtoks[0] not in words and is_thai_token(rtoks[0]))
    )


def fix_spaces(line: str) -> str:
    """Remove the spaces a PDF put inside Thai words, keeping the ones between phrases.

    >>> fix_spaces("แบบฟอร์มการขอเผยแพร่ขอ้ มลู ผ่านเว็บไซต์")
    'แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์'
    >>> fix_spaces("จังหวัดชลบุรี ประจำปีงบประมาณ")
    'จังหวัดชลบุรี ประจำปีงบประมาณ'
    """
    parts = re.split(r"( +)", line)
    chunks, seps = parts[0::2], parts[1::2]
    out: list[str] = []
    group = [chunks[0]]
    for sep, right in zip(seps, chunks[1:], strict=True):
        if sep == " " and group[-1] and right and _suspect(group[-1], right):
            group.append(right)
            continue
        out.append(_repair_group(group) if len(group) > 1 else group[0])
        out.append(sep)
        group = [right]
    out.append(_repair_group(group) if len(group) > 1 else group[0])
    return _fix_line_end("".join(out))


def _fix_line_end(line: str) -> str:
    """A shifted mark at the end of a line has no space after it: "ข้อมลู"."""
    m = _SHIFTED_TAIL.search(line)
    if not m or not _unknown_edges(line, "")[0]:
        return line
    fixed = _apply(_SHIFT, line, "")
    if fixed is not None and _cost(fixed[-40:])[0] < _cost(line[-40:])[0]:
        return fixed
    return line


def _placed(text: str, i: int) -> bool:
    """Whether a mark at `text[i]` sits where Thai puts one: a vowel above or below on a
    consonant, a tone or sign on a consonant or on such a vowel. True for other chars."""
    char, before = text[i], text[i - 1] if i else ""
    if char in ABOVE_BELOW_VOWELS:
        return before in CONSONANTS and before != ""
    if char in TONES + SIGNS:
        return before != "" and before in CONSONANTS + ABOVE_BELOW_VOWELS
    return True


_AM_RUN = re.compile(f"[^\\s]*{SARA_AM}[^\\s]*")


def _swap_glyphs(run: str, wrong: str, rights: Sequence[str]) -> str:
    """Each `wrong` char in `run` replaced by the first of `rights` that leaves fewer letters
    outside dictionary words; unchanged where no replacement helps."""
    cost = _cost(run)[0]
    if cost == 0:
        return run
    i = run.find(wrong)
    while i >= 0:
        trials = [run[:i] + right + run[i + 1 :] for right in rights]
        # Fewest letters outside words; between equals, fewer and longer words ("ความรู้"
        # over "ความ|รู"), then the more common ones.
        best = min(trials, key=lambda t: (*_cost(t), -_commonness(t)))
        # Fewer letters outside words, and the new mark on a letter that takes it ("นำู": a
        # sara uu after sara am reads as a word and a fragment, yet is no Thai at all).
        if _cost(best)[0] < cost and _placed(best, i):
            run, cost = best, _cost(best)[0]
        i = run.find(wrong, i + 1)
    return run


def _fix_am_run(match: re.Match[str]) -> str:
    return _swap_glyphs(match.group(), SARA_AM, (SARA_AA,))


def fix_am_for_aa(text: str) -> str:
    """Sara am back to sara aa where a font mapped the sara aa glyph to U+0E33 and the
    dictionary agrees: "ยุทธศำสตร์" is ยุทธศาสตร์; "สำคัญ" stays.

    >>> fix_am_for_aa("ยุทธศำสตร์ที่สำคัญ")
    'ยุทธศาสตร์ที่สำคัญ'
    """
    return _AM_RUN.sub(_fix_am_run, text)


_TWO_TONES = re.compile(f"([{TONES}])[{TONES}]")
_TONE_RUN = re.compile(f"[^\\s]*[{MAI_EK}{MAI_THO}][^\\s]*")


def fix_tho_for_uu(text: str) -> str:
    """Sara uu back where a font's ToUnicode maps its glyph to mai tho (LibreOffice with some
    Thai fonts) and the dictionary agrees: "ศ้นย์ข้อม้ล" is ศูนย์ข้อมูล; "ผ้บริหาร" is ผู้บริหาร.

    >>> fix_tho_for_uu("โครงการปรับปรุงศ้นย์ข้อม้ลข่าวสาร")
    'โครงการปรับปรุงศูนย์ข้อมูลข่าวสาร'
    >>> fix_tho_for_uu("ผ้บริหาร")
    'ผู้บริหาร'
    >>> fix_tho_for_uu("เปิดเผยข้อม่ล ทบทวนค่มือ")
    'เปิดเผยข้อมูล ทบทวนคู่มือ'
    """
    return _TONE_RUN.sub(_fix_tone_run, text)


def _fix_tone_run(match: re.Match[str]) -> str:
    run = match.group()
    for tone in (MAI_THO, MAI_EK):
        if tone in run:
            # The sara uu glyph read as the tone, or the pair read as the tone alone.
            run = _swap_glyphs(run, tone, (SARA_UU, SARA_UU + tone))
    # Two tone marks never stack: the second is a misread glyph ("ผู้่").
    return _TWO_TONES.sub(r"\1", run)


def _repair_once(text: str) -> str:
    text = normalize_chars(text)
    if not _THAI_CHAR.search(text):
        return text
    if SARA_AM in text:
        text = fix_am_for_aa(text)
    text = "\n".join(fix_spaces(line) for line in text.split("\n"))
    # After the spacing repairs, which move detached marks home first.
    return fix_tho_for_uu(text) if MAI_THO in text or MAI_EK in text else text


def repair_text(raw: str) -> str:
    """Thai text from a PDF text layer or OCR, repaired; idempotent, never raises.

    >>> repair_text("ชื่อหน่วยงาน : ส านักงานสาธารณส ขอ าเภอหนองใหญ่")
    'ชื่อหน่วยงาน : สำนักงานสาธารณสุขอำเภอหนองใหญ่'
    >>> repair_text("วสิ ยั ทศั น์")
    'วิสัยทัศน์'
    """
    try:
        text = raw
        for _ in range(4):  # repairs can uncover one another; stop at a fixed point
            fixed = _repair_once(text)
            if fixed == text:
                break
            text = fixed
        return text
    except Exception:  # a repair bug must not lose the page: fall back to the safe steps
        return map_pua(unicodedata.normalize("NFC", str(raw)))


# Marks tesseract drops or invents on Thai scans: a tone lost ("ขันตอน"), a stray vowel below
# ("บุน" for บน).
_OCR_INSERT = (MAI_EK, MAI_THO)
_OCR_DELETE = frozenset("\u0e38\u0e39\u0e34\u0e35\u0e31" + MAI_EK + MAI_THO)
_OCR_MAX_EDITS = 3
_OCR_DASH = re.compile("(?<!\\S)=(?=[\u0e01-\u0e4e])")


def _mark_edits(run: str) -> list[str]:
    out = []
    for i in range(1, len(run) + 1):
        before = run[i - 1]
        if before in CONSONANTS or before in ABOVE_BELOW_VOWELS:
            out += [run[:i] + tone + run[i:] for tone in _OCR_INSERT]
        if i < len(run) and run[i] in _OCR_DELETE:
            out.append(run[:i] + run[i + 1 :])
    return out


def _restore_run(match: re.Match[str]) -> str:
    run = match.group()
    cost = _cost(run)
    for _ in range(_OCR_MAX_EDITS):
        trials = [(_cost(t), t) for t in _mark_edits(run)]
        if not trials:
            break
        best_cost, best = min(trials)
        # A real fix turns a fragment into a word (letters outside words fall by more than the
        # one mark added or removed) or two words into the one they were ("ขัน|ตอน" ขั้นตอน).
        fixes_fragment = best_cost[0] < cost[0] - 1
        joins_words = best_cost[0] <= cost[0] and best_cost[1] < cost[1]
        if not (fixes_fragment or joins_words):
            break
        run, cost = best, best_cost
    return run


def restore_ocr_marks(text: str) -> str:
    """OCR text with tone marks tesseract dropped put back, and stray vowels it invented
    removed, where the dictionary agrees; "=" read for a dash restored.

    >>> restore_ocr_marks("4. ด้านคุณภาพการดำเนินงาน - ลดขันตอนการให้บริการ")
    '4. ด้านคุณภาพการดำเนินงาน - ลดขั้นตอนการให้บริการ'
    >>> restore_ocr_marks("6. ด้านการเปิดเผยข้อมูล =เปิดเผยข้อมูลบุนเว็บไซต์")
    '6. ด้านการเปิดเผยข้อมูล -เปิดเผยข้อมูลบนเว็บไซต์'
    """
    text = _OCR_DASH.sub("-", text)
    return _THAI_RUN.sub(_restore_run, text)


_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
