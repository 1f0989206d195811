"""Constants shared by every stage of the training pipeline.

Changing any audio constant invalidates packed shards and checkpoints, so they live in one place
and are written into each shard and checkpoint (see `audio_signature`).
"""
from dataclasses import dataclass, asdict

SAMPLE_RATE = 22050          # student output rate; Festival slt HTS (32 kHz) is resampled down to it
HOP = 256                    # samples per acoustic frame (11.6 ms)
N_FFT = 1024                 # iSTFT head and mel analysis window
N_MELS = 80
MEL_FMIN = 0.0
MEL_FMAX = 11025.0
ESPEAK_VOICE = "en-us"
PHONEME_TYPE = "espeak"      # Piper convention: ids are eSpeak NG IPA codepoints, '_' interspersed
PAD, BOS, EOS = "_", "^", "$"


def audio_signature():
    return {"sample_rate": SAMPLE_RATE, "hop": HOP, "n_fft": N_FFT, "n_mels": N_MELS,
            "mel_fmin": MEL_FMIN, "mel_fmax": MEL_FMAX}


@dataclass
class ModelSize:
    vocab: int = 192             # ids beyond the map are never produced; spare room keeps ids stable
    enc_dim: int = 192
    enc_layers: int = 4
    dec_dim: int = 256
    dec_layers: int = 5
    voc_dim: int = 256           # iSTFT head ("vocoder") width
    voc_layers: int = 6
    kernel: int = 5
    dur_dim: int = 128

    def to_dict(self):
        return asdict(self)


SIZES = {
    # ~1 M parameters: for the CPU smoke run only
    "tiny": ModelSize(enc_dim=96, enc_layers=2, dec_dim=96, dec_layers=2, voc_dim=128, voc_layers=2, dur_dim=96),
    # ~6 M parameters + 1 M fixed iSTFT kernel, ~28 MB fp32 ONNX: the shipping candidate (see docs/VOICE-MODEL-CARD.md)
    "base": ModelSize(),
}
