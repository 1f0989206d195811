"""Give each eSpeak NG phoneme id a duration taken from the teacher's phone times.

The student reads eSpeak NG IPA (what the app's loader produces) but the teacher spoke its own
phone sequence (CMU arpabet). Both come from the same normalised words, so the two sequences
differ only where the front ends pronounce or merge words differently. A small edit-distance
alignment (phone-class aware; word gaps and punctuation may absorb the teacher's pauses) maps
every teacher phone to one eSpeak unit; each unit's frames go to its letters' ids. Stress and
length marks, the pad '_' and unmatched units get zero frames; BOS/EOS take leading/trailing
silence. Utterances whose alignment is poor are reported and left out of training.
"""
import numpy as np

from training.config import BOS, EOS, PAD

VOWELS_IPA = set("aeiouæɐɑɒɔəɘɚɛɜɝɞɤɨɪɯɵɶʉʊʌʏᵻøœy")
MODIFIERS = set("ːˑ̩̃̊˞ˠˤʲ")
STRESS = set("ˈˌ")
BOUNDARY = set(" ,;:.!?")
MULTI = ["aɪ", "aʊ", "eɪ", "oʊ", "ɔɪ", "əʊ", "tʃ", "dʒ"]

# teacher phone -> IPA units it may be realised as by eSpeak NG en-us
ARPABET_IPA = {
    "aa": {"ɑ", "ɒ", "a", "ɔ"}, "ae": {"æ", "a"}, "ah": {"ʌ", "ə", "ɐ"}, "ax": {"ə", "ɐ", "ʌ", "ᵻ", "ɪ"},
    "ao": {"ɔ", "ɑ", "ɒ"}, "aw": {"aʊ"}, "ay": {"aɪ"}, "b": {"b"}, "ch": {"tʃ"}, "d": {"d", "ɾ"},
    "dh": {"ð"}, "eh": {"ɛ", "e"}, "er": {"ɜ", "ɚ", "ɝ", "ə"}, "axr": {"ɚ", "ə"}, "ey": {"eɪ", "e"},
    "f": {"f"}, "g": {"ɡ", "g"}, "hh": {"h"}, "ih": {"ɪ", "ᵻ", "i"}, "iy": {"i"}, "jh": {"dʒ"},
    "k": {"k"}, "l": {"l", "ɫ"}, "m": {"m"}, "n": {"n"}, "ng": {"ŋ"}, "ow": {"oʊ", "o", "əʊ"},
    "oy": {"ɔɪ"}, "p": {"p"}, "r": {"ɹ", "r"}, "s": {"s"}, "sh": {"ʃ"}, "t": {"t", "ɾ", "ʔ"},
    "th": {"θ"}, "uh": {"ʊ"}, "uw": {"u", "ʊ"}, "v": {"v"}, "w": {"w"}, "y": {"j"}, "z": {"z"},
    "zh": {"ʒ"},
}
TEACHER_VOWELS = {"aa", "ae", "ah", "ax", "ao", "aw", "ay", "eh", "er", "axr", "ey", "ih", "iy", "ow", "oy",
                  "uh", "uw"}
SILENCE = {"pau", "h#", "sil", "ssil"}
GAP_PHONE, GAP_UNIT, GAP_BOUNDARY, GAP_PAUSE = 1.0, 1.0, 0.05, 0.3
INF = 1e9


class Unit:
    """One eSpeak sound (or boundary) and the id positions that receive its frames."""
    __slots__ = ("text", "positions", "boundary")

    def __init__(self, text: str, positions: list[int], boundary: bool):
        self.text, self.positions, self.boundary = text, positions, boundary


def ipa_units(symbols: list[str], id_positions: list[int]) -> list[Unit]:
    """Group IPA codepoints (already filtered to the id map) into units."""
    units, i = [], 0
    while i < len(symbols):
        ch = symbols[i]
        if ch in STRESS:
            i += 1
            continue
        if ch in MODIFIERS:
            if units and not units[-1].boundary:
                units[-1].text += ch
            i += 1
            continue
        if ch in BOUNDARY:
            units.append(Unit(ch, [id_positions[i]], True))
            i += 1
            continue
        pair = "".join(symbols[i:i + 2])
        if pair in MULTI:
            units.append(Unit(pair, [id_positions[i], id_positions[i + 1]], False))
            i += 2
            continue
        units.append(Unit(ch, [id_positions[i]], False))
        i += 1
    return units


def _base(unit_text: str) -> str:
    return "".join(c for c in unit_text if c not in MODIFIERS)


def _cost(unit: Unit, phone: str) -> float:
    if phone in SILENCE:
        return 0.0 if unit.boundary else INF
    if unit.boundary:
        return INF
    base = _base(unit.text)
    if base in ARPABET_IPA.get(phone, ()):
        return 0.0
    unit_vowel = base[0] in VOWELS_IPA
    phone_vowel = phone in TEACHER_VOWELS
    if unit_vowel and phone_vowel:
        return 0.6
    if not unit_vowel and not phone_vowel:
        return 0.8
    return 1.5


def align(units: list[Unit], phones: list[str]) -> tuple[list[int], float]:
    """Return, for each teacher phone, the index of the unit that takes its frames; and the cost."""
    n, m = len(units), len(phones)
    dp = np.full((n + 1, m + 1), INF)
    back = np.zeros((n + 1, m + 1), dtype=np.int8)  # 1 diag, 2 unit gap, 3 phone gap
    dp[0, 0] = 0.0
    unit_gap = [GAP_BOUNDARY if u.boundary else GAP_UNIT for u in units]
    phone_gap = [GAP_PAUSE if p in SILENCE else GAP_PHONE for p in phones]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, move = INF, 0
            if i > 0 and j > 0:
                c = dp[i - 1, j - 1] + _cost(units[i - 1], phones[j - 1])
                if c < best:
                    best, move = c, 1
            if i > 0:
                c = dp[i - 1, j] + unit_gap[i - 1]
                if c < best:
                    best, move = c, 2
            if j > 0:
                c = dp[i, j - 1] + phone_gap[j - 1]
                if c < best:
                    best, move = c, 3
            dp[i, j], back[i, j] = best, move
    owner: list[int | None] = [None] * m
    before: list[int] = [0] * m      # for unmatched phones: the unit just before them
    i, j = n, m
    while i > 0 or j > 0:
        move = back[i, j]
        if move == 1:
            owner[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif move == 2:
            i -= 1
        else:
            before[j - 1] = max(i - 1, 0)
            j -= 1
    for k in range(m):
        if owner[k] is not None:
            continue
        # An unmatched phone joins its neighbour of the same kind (sound or silence) when it can.
        silent = phones[k] in SILENCE
        prev_unit = before[k]
        nxt = next((owner[q] for q in range(k + 1, m) if owner[q] is not None), None)
        if units[prev_unit].boundary != silent and nxt is not None and units[nxt].boundary == silent:
            owner[k] = nxt
        else:
            owner[k] = prev_unit
    return owner, float(dp[n, m])


def frame_boundaries(end_times: list[float], n_frames: int, frames_per_second: float) -> np.ndarray:
    ends = np.minimum(np.round(np.asarray(end_times) * frames_per_second).astype(np.int64), n_frames)
    ends = np.maximum.accumulate(ends)
    ends[-1] = n_frames
    return np.diff(np.concatenate([[0], ends]))


def id_durations(ipa: str, id_map: dict, phones: list[list], n_frames: int, frames_per_second: float):
    """Phoneme ids (Piper layout) and frames per id; plus alignment cost per teacher phone."""
    symbols = [c for c in ipa if c in id_map]
    ids = list(id_map[BOS]) + list(id_map[PAD])
    positions = []
    for ch in symbols:
        positions.append(len(ids))
        ids += id_map[ch] + id_map[PAD]
    ids += id_map[EOS]
    units = [Unit(BOS, [0], True)] + ipa_units(symbols, positions) + [Unit(EOS, [len(ids) - 1], True)]
    names = [p for p, _ in phones]
    frames = frame_boundaries([t for _, t in phones], n_frames, frames_per_second)
    owner, cost = align(units, names)
    durs = np.zeros(len(ids), dtype=np.int64)
    for k, unit_index in enumerate(owner):
        unit = units[unit_index]
        share, rest = divmod(int(frames[k]), len(unit.positions))
        for q, pos in enumerate(unit.positions):
            durs[pos] += share + (rest if q == 0 else 0)
    assert durs.sum() == n_frames
    return np.asarray(ids, dtype=np.int64), durs, cost / max(1, len(names))
