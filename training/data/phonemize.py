"""Text → eSpeak NG IPA → Piper-style phoneme ids, exactly as the student will see them at run time.

The app's loader phonemizes with eSpeak NG (voice en-us) the way Piper does: clause by clause
with espeak_TextToPhonemes in IPA mode, appending each clause's punctuation, then splitting into
Unicode codepoints (NFD) and mapping each through `phoneme_id_map`, with BOS '^', EOS '$' and the
pad '_' after every phoneme. Training uses the same C library (libespeak-ng, through ctypes) so the
ids match. The WebAssembly build the app ships may be a slightly newer eSpeak NG: a codepoint it
emits that is missing from the map is dropped by the loader, as Piper does.
"""
import ctypes
import ctypes.util
import re
import unicodedata

from training.config import ESPEAK_VOICE, PAD, BOS, EOS

_CLAUSE_PUNCT = ",;:.!?"
# Codepoints eSpeak NG en-us can emit, plus punctuation: fixed so ids never depend on the corpus.
BASE_SYMBOLS = (
    " !'(),-.:;?"
    "abcdefghijklmnopqrstuvwxyz"
    "æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɝɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲ"
    "ˈˌːˑ˞ˠˤ̩̃̊βθχᵻⱱ↓↑→↗↘"
)


def build_phoneme_id_map() -> dict[str, list[int]]:
    """Piper layout: '_'=0, '^'=1, '$'=2, then BASE_SYMBOLS in order."""
    id_map = {PAD: [0], BOS: [1], EOS: [2]}
    for ch in BASE_SYMBOLS:
        if ch not in id_map:
            id_map[ch] = [len(id_map)]
    return id_map


class Espeak:
    """One in-process eSpeak NG instance (not thread-safe; one per worker process)."""

    def __init__(self, voice: str = ESPEAK_VOICE):
        path = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        self.lib = ctypes.CDLL(path)
        self.lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        if self.lib.espeak_Initialize(0x02, 0, None, 0) <= 0:  # AUDIO_OUTPUT_SYNCHRONOUS
            raise RuntimeError("espeak_Initialize failed")
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"eSpeak NG voice {voice!r} not found")

    def ipa(self, text: str) -> str:
        """Clause-by-clause IPA; each clause's final punctuation mark is kept (Piper convention).

        Clauses are split here rather than read back from eSpeak's text pointer, which runs one
        character ahead of the clause it returns.
        """
        clauses = []
        for clause, punct in re.findall(r"([^,;:.!?]*)([,;:.!?]*)", text):
            if not clause.strip() and not punct:
                continue
            phonemes = self._phonemes(clause) if clause.strip() else ""
            clauses.append(phonemes + punct[:1])
        return unicodedata.normalize("NFD", " ".join(c for c in clauses if c))

    def _phonemes(self, clause: str) -> str:
        buf = ctypes.create_string_buffer(clause.strip().encode("utf-8"))
        ptr = ctypes.c_char_p(ctypes.addressof(buf))
        parts = []
        while ptr.value is not None:
            out = self.lib.espeak_TextToPhonemes(ctypes.byref(ptr), 1, 0x02)  # UTF-8 text, IPA
            if out:
                parts.append(out.decode("utf-8").strip())
        return " ".join(p for p in parts if p)


def phoneme_ids(ipa: str, id_map: dict[str, list[int]]) -> list[int]:
    """Piper's id layout: ^ _ p1 _ p2 _ ... pn _ $ (unknown codepoints dropped)."""
    pad = id_map[PAD]
    ids = list(id_map[BOS]) + list(pad)
    for ch in ipa:
        if ch in id_map:
            ids += id_map[ch] + pad
    return ids + list(id_map[EOS])
