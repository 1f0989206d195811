"""Written English → words that any front end reads the same way.

The teacher (Festival/flite) and eSpeak NG expand digits and abbreviations differently ("1990" is
"nineteen ninety" to one and "nineteen hundred ninety" to the other). Both are fed this module's
output, so the words they speak, and therefore the phones we align, are the same. Clause
punctuation (, ; : . ! ?) is kept because it shapes the teacher's pauses and intonation.
"""
import re

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**9, "billion"), (10**6, "million"), (1000, "thousand")]
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}
_ABBREVIATIONS = {"mr.": "mister", "mrs.": "missus", "ms.": "miz", "dr.": "doctor", "st.": "street",
                  "prof.": "professor", "mt.": "mount", "jr.": "junior", "sr.": "senior", "vs.": "versus",
                  "etc.": "et cetera", "e.g.": "for example", "i.e.": "that is", "no.": "number",
                  "approx.": "approximately", "ave.": "avenue", "dept.": "department"}
_SYMBOLS = {"&": " and ", "%": " percent ", "+": " plus ", "=": " equals ", "@": " at ", "#": " number "}


def cardinal(n: int) -> str:
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + cardinal(rest))
    for value, name in _SCALES:
        if n >= value:
            rest = n % value
            return cardinal(n // value) + " " + name + ("" if rest == 0 else " " + cardinal(rest))
    raise AssertionError("unreachable")


def ordinal(n: int) -> str:
    words = cardinal(n).split(" ")
    last = words[-1]
    if last in _ORDINAL_WORDS:
        words[-1] = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def year(n: int) -> str:
    if 2000 <= n <= 2009:
        return cardinal(n)
    hi, lo = divmod(n, 100)
    if lo == 0:
        return cardinal(hi) + " hundred"
    return cardinal(hi) + " " + ("oh " + _ONES[lo] if lo < 10 else cardinal(lo))


def _digits(s: str) -> str:
    return " ".join(_ONES[int(c)] for c in s)


def _money(m: re.Match) -> str:
    whole = int(m.group(1).replace(",", ""))
    cents = int(m.group(2)) if m.group(2) else 0
    out = cardinal(whole) + (" dollar" if whole == 1 else " dollars")
    if cents:
        out += " and " + cardinal(cents) + (" cent" if cents == 1 else " cents")
    return " " + out + " "


def _time(m: re.Match) -> str:
    h, mnt = int(m.group(1)), int(m.group(2))
    suffix = (" " + " ".join(m.group(3).lower().replace(".", "")).replace("  ", " ")) if m.group(3) else ""
    if mnt == 0:
        return f" {cardinal(h)} o'clock{suffix} " if not suffix else f" {cardinal(h)}{suffix} "
    mins = ("oh " + _ONES[mnt]) if mnt < 10 else cardinal(mnt)
    return f" {cardinal(h)} {mins}{suffix} "


def _plural(words: str) -> str:
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _number(m: re.Match) -> str:
    raw = m.group(1) if m.re.groups else m.group(0)
    if "." in raw:
        whole, frac = raw.split(".", 1)
        return " " + cardinal(int(whole.replace(",", "") or "0")) + " point " + _digits(frac) + " "
    if "," in raw:
        return " " + cardinal(int(raw.replace(",", ""))) + " "
    n = int(raw)
    if len(raw) == 4 and 1100 <= n <= 2099:
        return " " + year(n) + " "
    if len(raw) > 1 and raw.startswith("0") or len(raw) > 9:
        return " " + _digits(raw) + " "
    return " " + cardinal(n) + " "


def normalize(text: str) -> str:
    """Return lower-risk spoken form: letters, apostrophes, spaces and clause punctuation only."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = t.replace("\u2014", ", ").replace("\u2013", " to ").replace("--", ", ")
    for abbr, word in _ABBREVIATIONS.items():
        t = re.sub(r"(?<![A-Za-z])" + re.escape(abbr), word, t, flags=re.IGNORECASE)
    t = re.sub(r"\$\s?(\d+(?:,\d{3})*)(?:\.(\d\d))?", _money, t)
    t = re.sub(r"\b(\d{1,2}):(\d\d)\s?([AaPp]\.?[Mm]\.?)?", _time, t)
    t = re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: " " + ordinal(int(m.group(1))) + " ", t)
    t = re.sub(r"\b(\d+)'?s\b", lambda m: " " + _plural(_number(m).strip()) + " ", t)
    t = re.sub(r"\d+(?:,\d{3})*(?:\.\d+)?", _number, t)
    for sym, word in _SYMBOLS.items():
        t = t.replace(sym, word)
    t = re.sub(r"(\w)-(\w)", r"\1 \2", t)
    t = re.sub(r"[^A-Za-z' ,;:.!?]", " ", t)
    t = re.sub(r"\s+([,;:.!?])", r"\1", t)
    t = re.sub(r"([,;:.!?])[,;:.!?]+", r"\1", t)
    t = re.sub(r"\s+", " ", t).strip(" ,;:")
    if t and t[-1] not in ".!?":
        t += "."
    return t


def spoken_words(text: str) -> list[str]:
    """Lower-case words of a normalised sentence: the reference for WER scoring."""
    return re.findall(r"[a-z']+", normalize(text).lower())
