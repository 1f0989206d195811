"""Inverse STFT as a transposed convolution, so it exports to ONNX (which has no ISTFT op).

Each frame's inverse real DFT times the synthesis window is one fixed kernel per frequency bin
(cosine for the real part, negative sine for the imaginary part); ConvTranspose1d with stride HOP
overlap-adds the frames. Dividing by the overlap-added squared window (computed the same way from
a row of ones) makes it an exact inverse of torch.stft(center=True) with a Hann window.
"""
import math

import torch
import torch.nn.functional as F


class ConvISTFT(torch.nn.Module):
    def __init__(self, n_fft: int, hop: int):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        bins = n_fft // 2 + 1
        n = torch.arange(n_fft, dtype=torch.float64)
        k = torch.arange(bins, dtype=torch.float64)[:, None]
        window = torch.hann_window(n_fft, dtype=torch.float64)
        scale = torch.full((bins, 1), 2.0, dtype=torch.float64)
        scale[0] = 1.0
        scale[-1] = 1.0
        angle = 2 * math.pi * k * n / n_fft
        real = scale * torch.cos(angle) * window / n_fft
        imag = -scale * torch.sin(angle) * window / n_fft
        self.register_buffer("kernel", torch.cat([real, imag], 0)[:, None, :].float())   # [2F, 1, N]
        self.register_buffer("window_sq", (window ** 2)[None, None, :].float())           # [1, 1, N]

    def forward(self, real: torch.Tensor, imag: torch.Tensor) -> torch.Tensor:
        """real, imag [B, F, T] -> audio [B, 1, T * hop] (frames centred as in torch.stft)."""
        spec = torch.cat([real, imag], dim=1)
        frames = spec.shape[-1]
        audio = F.conv_transpose1d(spec, self.kernel, stride=self.hop)
        ones = torch.ones_like(spec[:, :1, :])
        envelope = F.conv_transpose1d(ones, self.window_sq, stride=self.hop)
        start = self.n_fft // 2
        length = frames * self.hop
        return audio[..., start:start + length] / envelope[..., start:start + length].clamp(min=1e-4)
