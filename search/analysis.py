"""French text analysis for the database engine: the OpenSearch French analyzer, in Python."""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

# Lucene's `_french_` stop set: the Snowball French list, which leaves out the words that are
# also nouns ("son", "été", "étés", "est", "sommes", "fût", "as", "aura", "auras", "avions"),
# so they stay searchable here too.
FRENCH_STOP_WORDS: frozenset[str] = frozenset(
    """
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes
    moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses sur ta te tes toi ton tu
    un une vos votre vous
    c d j l à m n s t y
    étée étées étant suis es êtes sont serai seras sera serons serez seront serais serait
    serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois
    soit soyons soyez soient fusse fusses fussions fussiez fussent
    ayant eu eue eues eus ai avons avez ont aurai aurons aurez auront aurais aurait aurions
    auriez auraient avais avait aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez
    aient eusse eusses eût eussions eussiez eussent
    ceci cela celà cet cette ici ils les leurs quel quels quelle quelles sans soi
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

ELISION_ARTICLES: tuple[str, ...] = (
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
)  # fmt: skip
_ELISION_SET = frozenset(ELISION_ARTICLES)

# ‘ is mapped to ' by the OpenSearch char filter too; ʼ (U+02BC) is a letter for Unicode but
# an apostrophe for French typists.
_APOSTROPHES = "'’‘ʼ"
# Combining marks (a text typed in NFD): they belong to the letter before them.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ALNUM = "[^\\W_\u02bc]"  # a letter or a digit, in any script
_RUN = f"{_ALNUM}(?:{_ALNUM}|[{_MARKS}])*"
# A word: letters and digits, possibly joined by apostrophes ("l'école", "aujourd'hui").
# Everything else, hyphens included, separates words.
_WORD_RE = re.compile(f"{_RUN}(?:[{_APOSTROPHES}]{_RUN})*")
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")

_FOLD_EXTRA = MappingProxyType(
    str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})
)
_DROP_APOSTROPHES = MappingProxyType(str.maketrans("", "", _APOSTROPHES))

# Words of this length or shorter are never stemmed ("prof", "mail", "clas").
_SHORTEST_STEMMED = 5
_SHORTEST_STEM = 3
_VOWELS = frozenset("aeiouy")
# Doubled final consonants that a feminine -e leaves behind ("bonne", "ancienne",
# "famille"); not "ss", which would turn "classe" into "clas" (the CLAS acronym).
_UNDOUBLED = frozenset("bcdfgklmnprtz")
_IRREGULAR = MappingProxyType({"travaux": "travail"})
# Feminine or gendered endings -> the stem shared with the masculine form, with the shortest
# part allowed before the ending. First match wins, so longer endings come first.
_GENDER_RULES: tuple[tuple[str, str, int], ...] = (
    ("trice", "teu", 2),  # directrice, animatrice -> directeu, animateu (= directeur)
    ("euse", "eu", 3),  # vendeuse -> vendeu (= vendeur), heureuse -> heureu (= heureux)
    ("eure", "eu", 3),  # professeure -> professeu (= professeur)
    ("eur", "eu", 3),  # directeur -> directeu
    ("esse", "", 4),  # maîtresse -> maitr (= maître), faiblesse -> faibl (= faible)
    ("ere", "er", 2),  # première -> premier, infirmière -> infirmier
    ("tive", "tif", 2),  # sportive -> sportif, associative -> associatif
    ("sive", "sif", 2),  # inclusive -> inclusif
    ("aive", "aif", 1),  # naïve -> naif
    ("uive", "uif", 1),  # juive -> juif
)
_GENDER_ENDINGS = tuple(ending for ending, _, _ in _GENDER_RULES)  # for one quick test


class Token(NamedTuple):
    """One analysed word: its term and where the word stands in the original text."""

    term: str
    start: int  # offset of the word's first character (after an elided article)
    end: int  # offset just past the word's last character
    position: int  # ordinal of the word, stop words counted, as Lucene's position increments


def fold(text: str) -> str:
    """Lowercase and strip accents: "Élève" -> "eleve", "Œuvre" -> "oeuvre"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_FOLD_EXTRA)


# The index analyzer folds accents before it removes stop words, with the folded forms of the
# accented ones added to its list ("à" arrives as "a"): a stop word is one whose folded form is.
_FOLDED_STOP_WORDS = frozenset(fold(word) for word in FRENCH_STOP_WORDS)


def iter_tokens(text: str, start: int = 0) -> Iterator[Token]:
    """The analysed terms of `text` one by one, from offset `start` (positions count from
    there), so a caller may stop early (highlighting)."""
    for position, match in enumerate(_WORD_RE.finditer(text, start)):
        analysed = _analysed_word(match.group())
        if analysed is not None:
            elided, term = analysed
            yield Token(term, match.start() + elided, match.end(), position)


def tokens(text: str) -> list[Token]:
    """The analysed terms of `text`, stop words removed, with offsets into `text` itself."""
    return list(iter_tokens(text))


def analyse(text: str) -> list[str]:
    """The analysed terms of `text`, in order, stop words removed."""
    return [token.term for token in tokens(text)]


def _elided_length(word: str) -> int:
    """How many leading characters of `word` are an elided article and its apostrophe."""
    match = _APOSTROPHE_RE.search(word)
    if match and word[: match.start()].lower() in _ELISION_SET:
        return match.end()
    return 0


@lru_cache(maxsize=200_000)
def _analysed_word(word: str) -> tuple[int, str] | None:
    """(length of its elided article, term) of a word as written, None for a stop word:
    cached whole, as the same words come back in every text."""
    elided = _elided_length(word)
    term = _analyse_word(word[elided:])
    return None if term is None else (elided, term)


def _analyse_word(word: str) -> str | None:
    """One word, after elision, through lowercase, asciifolding, stop words and stemmer."""
    folded = fold(word)
    if folded in _FOLDED_STOP_WORDS:
        return None
    # Apostrophes go: database tokenizers would split "aujourd'hui" and "entr'aide" again.
    return light_stem(folded.translate(_DROP_APOSTROPHES))


def light_stem(word: str) -> str:
    """A light stem of a lowercased, accent-folded word, in the spirit of Savoy's stemmer.

    It conflates singular and plural, masculine and feminine, and a few inflections
    (-ement, -er), and leaves words of 4 letters or fewer, and any word with a digit, alone.
    """
    if len(word) < _SHORTEST_STEMMED or not word.isalpha():
        return word
    word = _IRREGULAR.get(word) or _singular(word)
    # The singular of a short plural is left as the short singular itself is ("sales" -> "sale").
    if len(word) < _SHORTEST_STEMMED:
        return word
    word = _masculine(_without_ement(word))
    return _undoubled(_without_infinitive(word))


def _singular(word: str) -> str:
    if word.endswith("aux") and word[-4] not in "ey":
        return word[:-3] + "al"  # chevaux -> cheval (but bureaux, noyaux -> bureau, noyau)
    if word.endswith("ux"):
        return word[:-1]  # nouveaux, heureux, genoux
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _without_ement(word: str) -> str:
    """Drop "ment" after an "e", so that the adjective or verb rules see the base word."""
    # facilement -> facile, accompagnement -> accompagne, but not élément or logement.
    if word.endswith("ement") and len(word) - len("ement") >= 4:
        return word[: -len("ment")]
    return word


def _masculine(word: str) -> str:
    if not word.endswith(_GENDER_ENDINGS):
        return _without_final_e(word)
    for ending, replacement, shortest_base in _GENDER_RULES:
        if word.endswith(ending) and len(word) - len(ending) >= shortest_base:
            return word[: -len(ending)] + replacement
    return _without_final_e(word)


def _without_final_e(word: str) -> str:
    # Up to two: "salariée" and "salarié" both come to "salari".
    for _ in range(2):
        if word.endswith("e") and len(word) > _SHORTEST_STEM:
            word = word[:-1]
    # The feminine of a masculine in -s: "française" -> "francais" -> "francai" (= français).
    if len(word) > 5 and word[-1] == "s" and word[-2] in _VOWELS:
        word = word[:-1]
    return word


def _without_infinitive(word: str) -> str:
    # rencontrer -> rencontr (= rencontre), quartier -> quarti; short ones stay (papier, parler).
    if word.endswith("er") and len(word) - len("er") >= 5:
        return word[: -len("er")]
    return word


def _undoubled(word: str) -> str:
    if len(word) > _SHORTEST_STEM and word[-1] == word[-2] and word[-1] in _UNDOUBLED:
        return word[:-1]
    return word


def max_edits(term: str) -> int:
    """The edits a term may take to still match, as OpenSearch's `fuzziness: AUTO:5,8`."""
    if len(term) < 5:
        return 0
    return 1 if len(term) < 8 else 2


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether `a` becomes `b` in at most `limit` edits (a transposition counts as one)."""
    if a == b:
        return limit >= 0
    if limit <= 0 or abs(len(a) - len(b)) > limit:
        return False
    # Each letter of `a` that `b` lacks altogether costs an edit: a quick way to say no.
    if len(set(a).difference(b)) > limit:
        return False
    return _bounded_distance(a, b, limit) <= limit


def similar_terms(term: str, vocabulary: Iterable[str]) -> list[str]:
    """The vocabulary terms within `max_edits(term)` of `term`, closest first, then by name."""
    limit = max_edits(term)
    if limit == 0:
        return []
    # Cheap exact pre-checks first (length, an intact piece, letters in common), so that only
    # a few candidates reach the edit distance itself.
    shortest, longest = len(term) - limit, len(term) + limit
    has_a_piece = _piece_pattern(term, limit).match
    letters = tuple(Counter(term).items())
    found: dict[str, int] = {}
    for candidate in vocabulary:
        if not shortest <= len(candidate) <= longest or not has_a_piece(candidate):
            continue
        if candidate == term or _missing_letters(letters, candidate) > limit:
            continue
        distance = _bounded_distance(term, candidate, limit)
        if distance <= limit:
            found[candidate] = distance
    return sorted(found, key=lambda candidate: (found[candidate], candidate))


def _piece_pattern(term: str, limit: int) -> re.Pattern[str]:
    """Matches the words holding one of `limit + 1` pieces of `term` near its place in `term`.

    The pieces are separated by one-letter gaps. An edit spoils at most one piece (the gaps
    keep a transposition from spoiling two) and moves the others by at most one place, so a
    word within `limit` edits of `term` holds one piece intact, at most `limit` places away.
    """
    count = limit + 1
    letters = len(term) - limit  # what the gaps leave
    branches = []
    offset = 0
    for index in range(count):
        size = letters // count + (1 if index < letters % count else 0)
        piece = re.escape(term[offset : offset + size])
        branches.append(f".{{{max(0, offset - limit)},{offset + limit}}}{piece}")
        offset += size + 1
    # One compiled alternation tests all the pieces in C, far faster than a loop of find().
    return re.compile("|".join(branches), re.DOTALL)


def _missing_letters(letters: tuple[tuple[str, int], ...], candidate: str) -> int:
    """How many of the term's letters the candidate lacks: a lower bound of the distance."""
    missing = 0
    for letter, count in letters:
        have = candidate.count(letter)
        if have < count:
            missing += count - have
    return missing


def _bounded_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of `a` and `b`, or `limit + 1` if it is larger."""
    a, b = _trimmed(a, b)
    too_far = limit + 1
    if not a or not b:
        return min(max(len(a), len(b)), too_far)
    width = len(b)
    before_previous: list[int] = []
    previous = [min(j, too_far) for j in range(width + 1)]
    for i in range(1, len(a) + 1):
        char = a[i - 1]
        current = [too_far] * (width + 1)
        current[0] = row_best = min(i, too_far)
        # Only a band of `limit` cells either side of the diagonal can stay within the limit.
        for j in range(max(1, i - limit), min(width, i + limit) + 1):
            other = b[j - 1]
            value = previous[j - 1]
            if char != other:
                # Substitution, deletion, insertion, or a transposition of two neighbours.
                if previous[j] < value:
                    value = previous[j]
                if current[j - 1] < value:
                    value = current[j - 1]
                if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                    value = min(value, before_previous[j - 2])
                value += 1
            current[j] = value
            if value < row_best:
                row_best = value
        if row_best > limit:
            return too_far  # the rows below only grow from here
        before_previous, previous = previous, current
    return min(previous[-1], too_far)


def _trimmed(a: str, b: str) -> tuple[str, str]:
    """`a` and `b` without their common prefix and suffix, which cost no edit."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]
