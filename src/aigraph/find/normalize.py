"""How names and search text are compared: case folding, spacing, spelling and word variants.

Three forms of a text:
- `fold`: NFKC, casefolded, whitespace collapsed — the exact match ("gb 45438-2025");
- `spaced`: what the full-text index reads — letters and digits apart ("SC42" -> "SC 42") and each
  Chinese character a word of its own, so "SC42" finds "SC 42" and a Chinese substring is a phrase;
- `key_words`: the words that decide a normalized match and which of two names is more specific —
  punctuation, small words and plural endings dropped, British spelling made American, and
  "artificial intelligence" written "ai".
"""

from __future__ import annotations

import re
import unicodedata

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"([{_CJK}])")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_WORD = re.compile(f"[{_CJK}]|[^\\W_]+|\\+")  # "+" is a word: "AI+" is not "AI"
_SHAPE = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", b"0" * 10 + b"a" * 52)
_CJK_GAP = re.compile(f"([{_CJK}][\x02\x03]*) (?=[\x02\x03]*[{_CJK}])")  # snippet markers may sit between
STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "for", "on", "in", "to", "by", "with"})
# British spellings the deck and its readers mix with American ones (the index stems the rest)
SPELLINGS = {"labelling": "labeling", "labelled": "labeled", "modelling": "modeling",
             "modelled": "modeled", "centre": "center", "centres": "centers", "programme": "program",
             "programmes": "programs", "licence": "license", "defence": "defense",
             "catalogue": "catalog", "behaviour": "behavior", "artifical": "artificial"}
_BRITISH = {american: british for british, american in SPELLINGS.items() if british != "artifical"}
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")


def fold(text: str) -> str:
    """The exact-match form: NFKC, casefolded, runs of white space made one space."""
    if text.isascii():  # NFKC changes no ASCII text, and casefold is lower
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def spaced(text: str) -> str:
    """The text as the full-text index reads it: letters apart from digits, Chinese characters apart."""
    if not text.isascii():
        text = _LETTER_DIGIT.sub(" ", _CJK_CHAR.sub(r" \1 ", unicodedata.normalize("NFKC", text)))
    else:  # a regular expression only where a letter touches a digit (a byte table finds them fast)
        shape = text.encode().translate(_SHAPE)
        if b"a0" in shape or b"0a" in shape:
            text = _LETTER_DIGIT.sub(" ", text)
    return text.replace("+", " + ") if "+" in text else text


def unspace_cjk(text: str) -> str:
    """Undo `spaced` between Chinese characters (for snippets shown to a person)."""
    return _CJK_GAP.sub(r"\1", text)


def american(word: str) -> str:
    """One casefolded word in American spelling ("organisation" -> "organization")."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    match = _ISE.match(word)
    return f"{match[1]}iz{match[2]}" if match and not word.endswith(("wise", "rise", "vise")) else word


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The casefolded words of a text, letters apart from digits, each Chinese character a word."""
    return _WORD.findall(spaced(text).casefold())


def key_words(text: str) -> tuple[str, ...]:
    """The words a normalized comparison uses (see the module's docstring)."""
    out: list[str] = []
    for word in words(text):
        word = "plus" if word == "+" else american(word)
        if word in STOP_WORDS:
            continue
        if word == "intelligence" and out and out[-1] == "artificial":
            out[-1] = "ai"
            continue
        out.append(_stem(word))
    return tuple(out)


def key(text: str) -> str:
    """The normalized form of a name: its key words, one space apart."""
    return " ".join(key_words(text))


class EmptyQuery(ValueError):
    """A text with no word to look for."""


def fts_query(text: str, prefix: bool | str = False, replace: dict[str, list[str]] | None = None) -> str:
    """An FTS5 query that finds every word of `text` (in any order), never FTS5 syntax from it.

    Quoted parts stay phrases; a word the index splits ("SC42", "GB/T", a Chinese word) becomes a
    phrase; "AI" also finds "artificial intelligence" and back, a word its plural or singular and
    its American spelling. With `prefix` True the last word also matches as a beginning ("Cyberspace
    Admin"); with "long", every word of five letters or more ("label" finds "labeling").
    `replace` maps a casefolded word to the words to look for instead (typo corrections)."""
    parts = _parts(text)
    if not parts:
        raise EmptyQuery(text)
    terms: list[str] = []
    index = 0
    while index < len(parts):
        part, quoted = parts[index]
        folded = fold(part)
        nxt = fold(parts[index + 1][0]) if index + 1 < len(parts) and not quoted else ""
        if not quoted and folded == "artificial" and nxt == "intelligence":
            terms.append('("artificial intelligence" OR "ai")')
            index += 2
            continue
        last = index == len(parts) - 1
        if not quoted and replace and folded in replace:
            terms.append("(" + " OR ".join(_phrase(w) for w in replace[folded]) + ")")
        elif not quoted and folded == "ai":
            terms.append('("ai" OR "artificial intelligence")')
        elif not quoted and folded.isalpha() and not _CJK_CHAR.search(folded):
            forms = [_phrase(w) for w in variants(folded)]
            if (prefix is True and last) or (prefix == "long" and len(folded) >= 5):
                forms.append(_phrase(folded) + " *")
            terms.append("(" + " OR ".join(forms) + ")" if len(forms) > 1 else forms[0])
        else:
            terms.append(_phrase(part))
        index += 1
    return " AND ".join(terms)


def variants(word: str) -> list[str]:
    """A casefolded word with its American (or British) spelling and its singular or plural forms."""
    forms = [word]
    for base in dict.fromkeys((word, american(word), _BRITISH.get(word, word))):
        forms.append(base)
        if base.endswith("ies") and len(base) > 4:
            forms.append(base[:-3] + "y")
        elif base.endswith("es") and base[:-2].endswith(("s", "x", "ch", "sh")) and len(base) > 4:
            forms.append(base[:-2])
        elif base.endswith("s") and not base.endswith(("ss", "us", "is")) and len(base) > 3:
            forms.append(base[:-1])
        elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
            forms.append(base[:-1] + "ies")
        elif len(base) > 2:
            forms.append(base + ("es" if base.endswith(("s", "x", "ch", "sh")) else "s"))
    return list(dict.fromkeys(forms))


def _parts(text: str) -> list[tuple[str, bool]]:
    """(word or quoted phrase, quoted) pairs holding at least one letter or digit."""
    parts = []
    for match in re.finditer(r'"([^"]*)"|(\S+)', text):
        part, quoted = (match[1], True) if match[1] is not None else (match[2], False)
        if _WORD.search(spaced(part)):
            parts.append((part, quoted))
    return parts


def _phrase(part: str) -> str:
    return '"' + " ".join(words(part)).replace('"', '""') + '"'
