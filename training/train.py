"""Train the student on packed shards; resumable, time-boxed, bf16 on GPU and fp32 on CPU.

    python3 -m training.train --data training/out/work/shards --ckpt training/out/ckpt \
        --size base --max-minutes 9 [--resume-from training/out/carry/student] \
        [--carry-out training/out/carry/student]

Every run resumes from CKPT/latest.pt when it exists (else from --resume-from, a compact
checkpoint prefix), trains until --max-minutes or --max-steps, and saves CKPT/latest.pt (and the
compact carry parts when --carry-out is given) every --ckpt-minutes and at the end.
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch

from training.checkpoint import atomic_save, compact_state, load_any, save_parts
from training.config import HOP, SIZES, ModelSize, audio_signature
from training.model.acoustic import StudentTTS
from training.model.audio import LogMel
from training.model.discriminators import Discriminators
from training.model.losses import (discriminator_loss, duration_loss, feature_matching_loss,
                                   generator_adversarial_loss, masked_l1, multi_resolution_stft_loss)


class Corpus:
    """All shards in memory (int16 audio; ~1.1 GB for 7 h), on the training device."""

    def __init__(self, data_dir: str, device: torch.device):
        with open(os.path.join(data_dir, "meta.json")) as f:
            self.meta = json.load(f)
        if self.meta["audio"] != audio_signature():
            raise SystemExit(f"shards were made with {self.meta['audio']}, config says {audio_signature()}")
        self.items = {"train": [], "test": []}
        for name in self.meta["shards"]:
            with np.load(os.path.join(data_dir, name)) as z:
                z = {key: z[key] for key in z.files}   # each z[key] access would re-read the file
            io_, ao = z["id_offsets"], z["audio_offsets"]
            all_ids = torch.from_numpy(z["ids"].astype(np.int64)).to(device)
            all_durs = torch.from_numpy(z["durs"].astype(np.int64)).to(device)
            all_audio = torch.from_numpy(z["audio"]).to(device)
            for k in range(len(z["utt_id"])):
                # Views into one tensor per shard: no per-utterance copies.
                ids = all_ids[io_[k]:io_[k + 1]]
                durs = all_durs[io_[k]:io_[k + 1]]
                audio = all_audio[ao[k]:ao[k + 1]]
                self.items[str(z["split"][k])].append((str(z["utt_id"][k]), ids, durs, audio))
        for split in self.items:
            self.items[split].sort(key=lambda it: len(it[3]))

    def batch(self, split: str, indices: list[int]):
        chosen = [self.items[split][i] for i in indices]
        n = max(len(c[1]) for c in chosen)
        frames = max(len(c[3]) // HOP for c in chosen)
        dev = chosen[0][1].device
        ids = torch.zeros(len(chosen), n, dtype=torch.long, device=dev)
        durs = torch.zeros_like(ids)
        id_mask = torch.zeros(len(chosen), 1, n, device=dev)
        audio = torch.zeros(len(chosen), frames * HOP, device=dev)
        for b, (_, i, d, a) in enumerate(chosen):
            ids[b, :len(i)], durs[b, :len(d)], id_mask[b, 0, :len(i)] = i, d, 1.0
            audio[b, :len(a)] = a.float() / 32768.0
        return ids, id_mask, durs, audio, torch.tensor(frames, device=dev)

    def random_batch(self, batch_size: int, rng: random.Random):
        """Neighbours in length order, so little of a batch is padding."""
        n = len(self.items["train"])
        start = rng.randrange(0, max(1, n - batch_size + 1))
        return self.batch("train", list(range(start, min(n, start + batch_size))))


def crop_segments(model, spec, real, frame_counts, seg_frames, rng):
    """Same random window of each utterance from the student and the teacher -> [B, seg*HOP]."""
    length = seg_frames * HOP
    fs, rs = [], []
    for b, frames in enumerate(frame_counts):
        frames = int(frames)
        start = rng.randrange(0, max(1, frames - seg_frames + 1))
        fs.append(model.window_audio(spec, b, start, seg_frames, frames))
        r = real[b, start * HOP:start * HOP + length]
        rs.append(torch.nn.functional.pad(r, (0, length - r.shape[0])))
    return torch.stack(fs), torch.stack(rs)


def learning_rate(base, step, warm_from, warmup, half_life):
    """Linear warm-up from `warm_from` (0, or the step a compact checkpoint resumed at), then decay."""
    return base * min(1.0, (step - warm_from + 1) / warmup) * 0.5 ** (step / half_life)


@torch.no_grad()
def evaluate(model, corpus, logmel, device, amp, limit=64):
    """Held-out mel L1 with teacher durations, duration loss, and predicted/true total length."""
    model.eval()
    items = corpus.items["test"][:limit]
    mel_l1, dur_l, ratio = [], [], []
    for k in range(0, len(items), 16):
        ids, id_mask, durs, audio, frames = corpus.batch("test", list(range(k, min(len(items), k + 16))))
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
            log_dur, mel, _, mask = model(ids, id_mask, durs, frames)
        target = logmel(audio)
        mel_l1.append(masked_l1(mel, target, mask).item())
        dur_l.append(duration_loss(log_dur, durs, id_mask).item())
        pred = model.predicted_durations(log_dur.float(), id_mask, 1.0).sum(1).float()
        ratio.append((pred / durs.sum(1).float()).mean().item())
    model.train()
    return {"val_mel_l1": float(np.mean(mel_l1)), "val_dur": float(np.mean(dur_l)),
            "val_length_ratio": float(np.mean(ratio))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--size", choices=sorted(SIZES), default="base")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--segment-frames", type=int, default=48, help="waveform window for STFT/GAN losses")
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--disc-lr", type=float, default=2e-4)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--half-life", type=float, default=40000)
    ap.add_argument("--adv-start", type=int, default=4000, help="step at which the GAN losses join")
    ap.add_argument("--max-minutes", type=float, default=9.0)
    ap.add_argument("--max-steps", type=int, default=10**9)
    ap.add_argument("--ckpt-minutes", type=float, default=3.0)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--resume-from", default=None, help="compact checkpoint prefix (from another machine)")
    ap.add_argument("--carry-out", default=None, help="write compact checkpoint parts with this prefix")
    ap.add_argument("--carry-dtype", choices=["float16", "float32"], default="float16",
                    help="generator precision in the compact checkpoint (float32 for the one to export)")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t_start = time.time()
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available() else
                          (args.device if args.device != "auto" else "cpu"))
    amp = device.type == "cuda"
    if amp:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = False   # every batch has new lengths: benchmarking would rerun
    rng = random.Random(args.seed + int(time.time()))
    corpus = Corpus(args.data, device)
    id_map = corpus.meta["phoneme_id_map"]

    latest = os.path.join(args.ckpt, "latest.pt")
    state = None
    if os.path.exists(latest):
        state = load_any(latest)
    elif args.resume_from:
        state = load_any(args.resume_from)
    size = ModelSize(**state["size"]) if state else SIZES[args.size]
    model = StudentTTS(size).to(device)
    disc = Discriminators().to(device)
    opt_g = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    opt_d = torch.optim.AdamW(disc.parameters(), lr=args.disc_lr, betas=(0.8, 0.99), weight_decay=0.01)
    step, warm_from = 0, 0
    if state:
        model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state["model"].items()})
        try:
            disc.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state["disc"].items()})
        except RuntimeError:
            # weight-norm parameter names differ between torch versions; the discriminators
            # re-learn quickly, the generator is what matters.
            print("discriminator state does not fit this torch version: discriminators start afresh")
        step = state["step"]
        if "opt_g" in state:
            opt_g.load_state_dict(state["opt_g"])
            opt_d.load_state_dict(state["opt_d"])
        else:
            warm_from = step   # fresh Adam moments: warm up again
        print(f"resumed at step {step} ({'full' if 'opt_g' in state else 'compact'} checkpoint)")
    n_params = sum(p.numel() for p in model.parameters())
    print(f"model {size.to_dict()} {n_params / 1e6:.2f} M params; device {device}; "
          f"{len(corpus.items['train'])} train / {len(corpus.items['test'])} test utterances")
    logmel = LogMel().to(device)
    os.makedirs(args.ckpt, exist_ok=True)
    log = open(os.path.join(args.ckpt, "log.jsonl"), "a")

    def save(tag):
        full = {"model": model.state_dict(), "disc": disc.state_dict(), "opt_g": opt_g.state_dict(),
                "opt_d": opt_d.state_dict(), "step": step, "size": size.to_dict(),
                "audio": audio_signature(), "phoneme_id_map": id_map}
        atomic_save(full, latest)
        if args.carry_out:
            save_parts(compact_state(full, getattr(torch, args.carry_dtype)), args.carry_out)
        print(f"[{tag}] saved step {step} ({time.time() - t_start:.0f} s)", flush=True)

    last_ckpt = time.time()
    model.train()
    t_log, steps_since = time.time(), 0
    deadline = t_start + args.max_minutes * 60
    while step < args.max_steps and time.time() < deadline:
        for group in opt_g.param_groups:
            group["lr"] = learning_rate(args.lr, step, warm_from, args.warmup, args.half_life)
        ids, id_mask, durs, audio, frames = corpus.random_batch(args.batch, rng)
        target_mel = logmel(audio)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
            log_dur, mel, spec, mask = model(ids, id_mask, durs, frames)
        frame_counts = mask[:, 0, :].sum(1).tolist()
        fake_seg, real_seg = crop_segments(model, spec, audio, frame_counts, args.segment_frames, rng)
        seg_mask = torch.ones(fake_seg.shape[0], 1, args.segment_frames, device=device)
        losses = {
            "dur": duration_loss(log_dur, durs, id_mask),
            "mel": masked_l1(mel, target_mel, mask),
            "stft": multi_resolution_stft_loss(fake_seg, real_seg),
            "wave_mel": masked_l1(logmel(fake_seg), logmel(real_seg), seg_mask),
        }
        adversarial = step >= args.adv_start
        if adversarial:
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                d_real = disc(real_seg[:, None])
                d_fake = disc(fake_seg.detach()[:, None])
                loss_d = discriminator_loss(d_real, d_fake)
            opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            torch.nn.utils.clip_grad_norm_(disc.parameters(), 10.0)
            opt_d.step()
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                d_real = disc(real_seg[:, None])
                d_fake = disc(fake_seg[:, None])
            losses["adv"] = generator_adversarial_loss(d_fake)
            losses["fm"] = feature_matching_loss(d_real, d_fake)
            losses["disc"] = loss_d.detach()
        total = (losses["dur"] + 5.0 * losses["mel"] + 2.0 * losses["stft"] + 15.0 * losses["wave_mel"]
                 + (losses["adv"] + 2.0 * losses["fm"] if adversarial else 0.0))
        opt_g.zero_grad(set_to_none=True)
        total.backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        if math.isfinite(float(grad_norm)):
            opt_g.step()
        step += 1
        steps_since += 1
        if step % args.log_every == 0:
            rate = steps_since / (time.time() - t_log)
            row = {"step": step, "s_per_step": round(1 / rate, 4), **{k: round(float(v), 4) for k, v in losses.items()}}
            print(json.dumps(row), flush=True)
            log.write(json.dumps(row) + "\n")
            t_log, steps_since = time.time(), 0
        if step % args.eval_every == 0:
            row = {"step": step, **evaluate(model, corpus, logmel, device, amp)}
            print(json.dumps(row), flush=True)
            log.write(json.dumps(row) + "\n")
        if time.time() - last_ckpt > args.ckpt_minutes * 60:
            save("periodic")
            last_ckpt = time.time()
    row = {"step": step, **evaluate(model, corpus, logmel, device, amp)}
    print(json.dumps(row), flush=True)
    log.write(json.dumps(row) + "\n")
    log.close()
    save("final")


if __name__ == "__main__":
    main()
