"""The student: phoneme ids → durations → frames → log-mel and an iSTFT waveform head.

    ids ─ embed ─ ConvNeXt×E ─┬─ duration predictor (log(1+frames), on detached features)
                              └─ length regulator (teacher durations in training, predicted ×
                                 length_scale at inference) + position-in-phone features
                                 ─ ConvNeXt×D ─┬─ mel head (L1 to the teacher's log-mel)
                                               └─ ConvNeXt×V ─ magnitude + phase ─ iSTFT ─ audio

All convolutional and non-autoregressive: cost grows linearly with the audio length, and one
forward pass makes a whole sentence. The length regulator is a vectorised gather (no per-phone
loop), which also exports to ONNX as CumSum/Range/Less/ReduceSum/Gather.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from training.config import HOP, N_FFT, N_MELS, ModelSize
from training.model.istft import ConvISTFT


class ConvNeXtBlock(nn.Module):
    def __init__(self, dim: int, kernel: int, expand: int = 3):
        super().__init__()
        self.dw = nn.Conv1d(dim, dim, kernel, padding=kernel // 2, groups=dim)
        self.norm = nn.LayerNorm(dim)
        self.pw1 = nn.Linear(dim, dim * expand)
        self.pw2 = nn.Linear(dim * expand, dim)
        self.gamma = nn.Parameter(torch.full((dim,), 0.1))

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        y = self.dw(x * mask).transpose(1, 2)
        y = self.pw2(F.gelu(self.pw1(self.norm(y)))) * self.gamma
        return (x + y.transpose(1, 2)) * mask


class Stack(nn.Module):
    def __init__(self, dim: int, layers: int, kernel: int):
        super().__init__()
        self.blocks = nn.ModuleList([ConvNeXtBlock(dim, kernel) for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)

    def forward(self, x, mask):
        for block in self.blocks:
            x = block(x, mask)
        return self.norm(x.transpose(1, 2)).transpose(1, 2) * mask


def regulate(h: torch.Tensor, durations: torch.Tensor, n_frames: torch.Tensor):
    """Repeat token features by their durations, batched and loop-free.

    h [B, C, N], durations [B, N] (int64), n_frames: scalar tensor >= every row's total.
    Returns features [B, C, T], frame mask [B, 1, T], position in phone [B, 1, T] in [0, 1),
    and the log duration of each frame's phone [B, 1, T].
    """
    ends = torch.cumsum(durations, dim=1)                                      # [B, N]
    t = torch.arange(n_frames, device=h.device)[None, :, None]                  # [1, T, 1]
    index = (ends[:, None, :] <= t).sum(dim=2)                                  # [B, T]
    index = torch.minimum(index, torch.full_like(index, h.shape[2] - 1))
    feats = torch.gather(h, 2, index[:, None, :].expand(-1, h.shape[1], -1))
    dur = torch.gather(durations, 1, index).float()
    start = torch.gather(ends, 1, index).float() - dur
    frame = t[..., 0].float()
    position = ((frame - start) / dur.clamp(min=1.0))[:, None, :]
    mask = (frame < ends[:, -1:].float()).float()[:, None, :]
    return feats * mask, mask, position * mask, torch.log1p(dur)[:, None, :] * mask


class StudentTTS(nn.Module):
    def __init__(self, size: ModelSize):
        super().__init__()
        self.size = size
        bins = N_FFT // 2 + 1
        self.embed = nn.Embedding(size.vocab, size.enc_dim)
        self.encoder = Stack(size.enc_dim, size.enc_layers, size.kernel)
        self.dur_in = nn.Conv1d(size.enc_dim, size.dur_dim, 1)
        self.dur_stack = Stack(size.dur_dim, 2, size.kernel)
        self.dur_out = nn.Conv1d(size.dur_dim, 1, 1)
        self.frame_in = nn.Conv1d(size.enc_dim + 2, size.dec_dim, 1)
        self.decoder = Stack(size.dec_dim, size.dec_layers, 7)
        self.mel_out = nn.Conv1d(size.dec_dim, N_MELS, 1)
        self.voc_in = nn.Conv1d(size.dec_dim + N_MELS, size.voc_dim, 1)
        self.vocoder = Stack(size.voc_dim, size.voc_layers, 7)
        self.spec_out = nn.Conv1d(size.voc_dim, 2 * bins, 1)
        self.istft = ConvISTFT(N_FFT, HOP)
        # Start near the teacher's average level (mean log-mel -6.8, mean log |STFT| -4.7 on the
        # smoke corpus) instead of 0, which is far louder than speech: the first steps then learn
        # shape, not level.
        nn.init.constant_(self.mel_out.bias, -6.8)
        with torch.no_grad():
            self.spec_out.bias[:bins].fill_(-4.7)
            self.spec_out.bias[bins:].zero_()

    def encode(self, ids: torch.Tensor, id_mask: torch.Tensor):
        h = self.encoder(self.embed(ids).transpose(1, 2) * id_mask, id_mask)
        d = self.dur_stack(self.dur_in(h.detach()), id_mask)
        log_dur = self.dur_out(d)[:, 0, :] * id_mask[:, 0, :]
        return h, log_dur

    def decode(self, h, durations, n_frames):
        feats, mask, position, log_dur = regulate(h, durations, n_frames)
        x = self.frame_in(torch.cat([feats, position, log_dur], dim=1)) * mask
        x = self.decoder(x, mask)
        mel = self.mel_out(x) * mask
        return x, mel, mask

    def spectrum(self, x, mel, mask):
        """Frame features -> complex spectrum (real, imag) [B, F, T]; magnitude/phase as in Vocos."""
        v = self.vocoder(self.voc_in(torch.cat([x, mel], dim=1)) * mask, mask)
        spec = self.spec_out(v).float()
        log_mag, phase = spec.chunk(2, dim=1)
        mag = torch.exp(log_mag.clamp(max=7.0)) * mask
        return mag * torch.cos(phase), mag * torch.sin(phase)

    def waveform(self, x, mel, mask):
        """Frame features -> audio [B, 1, T*HOP]."""
        return self.istft(*self.spectrum(x, mel, mask))

    def forward(self, ids, id_mask, durations, n_frames):
        """Teacher-forced pass for training: log durations, mel, spectrum (real, imag), frame mask.

        The waveform of a window is `window_audio(spec, start, frames)`: training only renders
        the windows its waveform losses look at.
        """
        h, log_dur = self.encode(ids, id_mask)
        x, mel, mask = self.decode(h, durations, n_frames)
        return log_dur, mel, self.spectrum(x, mel, mask), mask

    def window_audio(self, spec, b: int, start: int, frames: int, total_frames: int):
        """Exact audio of frames [start, start+frames) of utterance b: iSTFT over the window plus
        the two frames each side that overlap it, then cut. -> [frames * HOP]"""
        real, imag = spec
        lo, hi = max(0, start - 2), min(total_frames, start + frames + 2)
        audio = self.istft(real[b:b + 1, :, lo:hi], imag[b:b + 1, :, lo:hi])[0, 0]
        off = (start - lo) * HOP
        out = audio[off:off + frames * HOP]
        return F.pad(out, (0, frames * HOP - out.shape[0]))

    def predicted_durations(self, log_dur, id_mask, length_scale):
        frames = torch.round((torch.exp(log_dur) - 1.0).clamp(min=0.0) * length_scale) * id_mask[:, 0, :]
        return frames.long()

    @torch.no_grad()
    def infer(self, ids, length_scale: float = 1.0):
        id_mask = torch.ones_like(ids, dtype=torch.float32)[:, None, :]
        h, log_dur = self.encode(ids, id_mask)
        durations = self.predicted_durations(log_dur, id_mask, length_scale)
        durations[:, 0] = durations[:, 0].clamp(min=1)
        n_frames = durations.sum(dim=1).max()
        x, mel, mask = self.decode(h, durations, n_frames)
        return self.waveform(x, mel, mask), mel, durations
