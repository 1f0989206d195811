"""Teacher wav → student-rate float audio whose length is a whole number of frames."""
import wave
from math import gcd

import numpy as np
from scipy.signal import resample_poly

from training.config import HOP, SAMPLE_RATE


def read_wav(path: str) -> tuple[np.ndarray, int]:
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit PCM")
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        if w.getnchannels() > 1:
            raw = raw.reshape(-1, w.getnchannels())[:, 0]
        return raw.astype(np.float32) / 32768.0, w.getframerate()


def write_wav(path: str, audio: np.ndarray, rate: int) -> None:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def resample(audio: np.ndarray, src: int, dst: int) -> np.ndarray:
    if src == dst:
        return audio
    g = gcd(src, dst)
    return resample_poly(audio, dst // g, src // g).astype(np.float32)


def student_audio(path: str) -> np.ndarray:
    """Resample to SAMPLE_RATE and zero-pad to a multiple of HOP (frames = len // HOP)."""
    audio, rate = read_wav(path)
    audio = resample(audio, rate, SAMPLE_RATE)
    frames = -(-len(audio) // HOP)
    return np.pad(audio, (0, frames * HOP - len(audio)))
