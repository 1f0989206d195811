"""Log-mel analysis shared by data preparation, losses and evaluation (one definition, one scale)."""
import math

import numpy as np
import torch

from training.config import HOP, MEL_FMAX, MEL_FMIN, N_FFT, N_MELS, SAMPLE_RATE


def _hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    lin = f / (200.0 / 3)
    log = 15.0 + np.log(np.maximum(f, 1e-9) / 1000.0) / (math.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log, lin)


def _mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    lin = m * (200.0 / 3)
    log = 1000.0 * np.exp((math.log(6.4) / 27.0) * (m - 15.0))
    return np.where(m >= 15.0, log, lin)


def mel_filterbank(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS, fmin=MEL_FMIN, fmax=MEL_FMAX) -> np.ndarray:
    """Slaney-style triangular filters, area-normalised: [n_mels, n_fft//2+1]."""
    freqs = np.linspace(0, sr / 2, n_fft // 2 + 1)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(fmin), _hz_to_mel(fmax), n_mels + 2))
    fb = np.zeros((n_mels, len(freqs)))
    for i in range(n_mels):
        lo, mid, hi = edges[i], edges[i + 1], edges[i + 2]
        up = (freqs - lo) / (mid - lo)
        down = (hi - freqs) / (hi - mid)
        fb[i] = np.maximum(0, np.minimum(up, down)) * (2.0 / (hi - lo))
    return fb.astype(np.float32)


class LogMel(torch.nn.Module):
    """audio [B, L] (L a multiple of HOP) -> log-mel [B, N_MELS, L // HOP] (centred frames)."""

    def __init__(self, n_fft=N_FFT, hop=HOP, n_mels=N_MELS):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        self.register_buffer("fb", torch.from_numpy(mel_filterbank(n_fft=n_fft, n_mels=n_mels)), persistent=False)

    def forward(self, audio: torch.Tensor) -> torch.Tensor:
        spec = torch.stft(audio.float(), self.n_fft, self.hop, window=self.window, center=True,
                          return_complex=True).abs()
        mel = torch.matmul(self.fb, spec[..., : audio.shape[-1] // self.hop])
        return torch.log(torch.clamp(mel, min=1e-5))
