"""Small waveform discriminators for the adversarial loss (training only; never exported).

Multi-period (HiFi-GAN idea: reshape audio by a period and look at each phase with 2-D convs)
catches buzz and periodic artefacts; multi-resolution spectrogram (UnivNet/Vocos idea) catches
smeared harmonics and noisy bands. Channel counts are kept small: the teacher is one clean,
deterministic voice, and the checkpoint must fit the device tool's carry limit.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
try:  # torch >= 2.1; the old hook-based helper is deprecated there
    from torch.nn.utils.parametrizations import weight_norm
except ImportError:
    from torch.nn.utils import weight_norm


class PeriodDiscriminator(nn.Module):
    def __init__(self, period: int, channels=(16, 64, 128, 256)):
        super().__init__()
        self.period = period
        layers, prev = [], 1
        for ch in channels:
            layers.append(weight_norm(nn.Conv2d(prev, ch, (5, 1), (3, 1), padding=(2, 0))))
            prev = ch
        layers.append(weight_norm(nn.Conv2d(prev, prev, (5, 1), 1, padding=(2, 0))))
        self.layers = nn.ModuleList(layers)
        self.out = weight_norm(nn.Conv2d(prev, 1, (3, 1), 1, padding=(1, 0)))

    def forward(self, x):
        b, c, t = x.shape
        if t % self.period:
            x = F.pad(x, (0, self.period - t % self.period), mode="reflect")
        x = x.view(b, c, -1, self.period)
        feats = []
        for layer in self.layers:
            x = F.leaky_relu(layer(x), 0.1)
            feats.append(x)
        return self.out(x), feats


class ResolutionDiscriminator(nn.Module):
    def __init__(self, n_fft: int, channels: int = 32):
        super().__init__()
        self.n_fft = n_fft
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        self.layers = nn.ModuleList([
            weight_norm(nn.Conv2d(1, channels, (7, 5), (2, 2), padding=(3, 2))),
            weight_norm(nn.Conv2d(channels, channels, (5, 3), (2, 1), padding=(2, 1))),
            weight_norm(nn.Conv2d(channels, channels, (5, 3), (2, 1), padding=(2, 1))),
            weight_norm(nn.Conv2d(channels, channels, (3, 3), 1, padding=1)),
        ])
        self.out = weight_norm(nn.Conv2d(channels, 1, (3, 3), 1, padding=1))

    def forward(self, x):
        spec = torch.stft(x[:, 0].float(), self.n_fft, self.n_fft // 4, window=self.window,
                          center=True, return_complex=True).abs()
        x = torch.log1p(spec)[:, None]
        feats = []
        for layer in self.layers:
            x = F.leaky_relu(layer(x), 0.1)
            feats.append(x)
        return self.out(x), feats


class Discriminators(nn.Module):
    def __init__(self):
        super().__init__()
        self.subs = nn.ModuleList([PeriodDiscriminator(p) for p in (2, 3, 5, 7, 11)] +
                                  [ResolutionDiscriminator(n) for n in (512, 1024, 2048)])

    def forward(self, x):
        return [d(x) for d in self.subs]
