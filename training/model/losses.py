"""Losses: durations, log-mel, multi-resolution STFT, least-squares GAN and feature matching."""
import torch
import torch.nn.functional as F

STFT_RESOLUTIONS = ((512, 128), (1024, 256), (2048, 512))


def duration_loss(log_dur_pred, durations, id_mask):
    target = torch.log1p(durations.float())
    m = id_mask[:, 0, :]
    return (((log_dur_pred.float() - target) ** 2) * m).sum() / m.sum().clamp(min=1)


def masked_l1(pred, target, mask):
    return ((pred.float() - target).abs() * mask).sum() / (mask.sum() * pred.shape[1]).clamp(min=1)


def _magnitude(x, n_fft, hop):
    window = torch.hann_window(n_fft, device=x.device)
    return torch.stft(x.float(), n_fft, hop, window=window, center=True, return_complex=True).abs().clamp(min=1e-7)


def multi_resolution_stft_loss(fake, real):
    """Spectral convergence + log-magnitude L1, averaged over resolutions. fake/real [B, L]."""
    total = 0.0
    for n_fft, hop in STFT_RESOLUTIONS:
        f, r = _magnitude(fake, n_fft, hop), _magnitude(real, n_fft, hop)
        sc = torch.linalg.norm(r - f) / torch.linalg.norm(r).clamp(min=1e-7)
        total = total + sc + F.l1_loss(torch.log(f), torch.log(r))
    return total / len(STFT_RESOLUTIONS)


def discriminator_loss(real_outs, fake_outs):
    loss = 0.0
    for (r, _), (f, _) in zip(real_outs, fake_outs):
        loss = loss + torch.mean((1 - r.float()) ** 2) + torch.mean(f.float() ** 2)
    return loss / len(real_outs)


def generator_adversarial_loss(fake_outs):
    return sum(torch.mean((1 - f.float()) ** 2) for f, _ in fake_outs) / len(fake_outs)


def feature_matching_loss(real_outs, fake_outs):
    loss, count = 0.0, 0
    for (_, rf), (_, ff) in zip(real_outs, fake_outs):
        for r, f in zip(rf, ff):
            loss = loss + F.l1_loss(f.float(), r.detach().float())
            count += 1
    return loss / max(count, 1)
