"""Teacher vs student log-mel spectrograms of one held-out sentence, as a PNG.

    python3 -m training.eval.spectrogram --teacher-wav T.wav --student-wav S.wav \
        --title "..." --out docs/voice-spectrogram.png

Uses matplotlib (Debian python3-matplotlib). Both signals are analysed at the student rate with
the training log-mel (training/model/audio.py), so the two panels share one scale.
"""
import argparse

import matplotlib
import torch

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from training.config import HOP, SAMPLE_RATE  # noqa: E402
from training.data.features import read_wav, resample  # noqa: E402
from training.model.audio import LogMel  # noqa: E402


def log_mel(path: str):
    audio, rate = read_wav(path)
    audio = resample(audio, rate, SAMPLE_RATE)
    audio = audio[: len(audio) // HOP * HOP]
    return LogMel()(torch.from_numpy(audio)[None])[0].numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--teacher-wav", required=True)
    ap.add_argument("--student-wav", required=True)
    ap.add_argument("--title", default="")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    panels = [("Teacher: Festival slt HTS", log_mel(args.teacher_wav)),
              ("Student (ONNX, onnxruntime-node)", log_mel(args.student_wav))]
    vmin = min(p[1].min() for p in panels)
    vmax = max(p[1].max() for p in panels)
    width = max(p[1].shape[1] for p in panels)
    fig, axes = plt.subplots(2, 1, figsize=(10, 5.5), sharex=True)
    for ax, (name, mel) in zip(axes, panels):
        ax.imshow(mel, origin="lower", aspect="auto", vmin=max(vmin, vmax - 12), vmax=vmax,
                  extent=(0, mel.shape[1] * HOP / SAMPLE_RATE, 0, mel.shape[0]), cmap="magma")
        ax.set_xlim(0, width * HOP / SAMPLE_RATE)
        ax.set_ylabel("mel band")
        ax.set_title(name, fontsize=10)
    axes[-1].set_xlabel("seconds")
    if args.title:
        fig.suptitle(args.title, fontsize=10)
    fig.tight_layout()
    fig.savefig(args.out, dpi=90)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
