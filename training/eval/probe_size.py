"""Export an UNTRAINED model of a given size whose durations match the teacher's speaking rate.

    python3 -m training.eval.probe_size --size base --out training/out/probe/probe-base.onnx
    node training/eval/ort_check.mjs training/out/probe/probe-base.onnx

Compute cost, file size and memory do not depend on the weights' values, only on the shapes and
the number of frames, so this measures the speed/size/memory goals (RTF, first audio, MB) of a
size before any GPU time is spent. The audio itself is noise; never ship a probe.
"""
import argparse
import math
import os

import torch

from training.checkpoint import save_parts
from training.config import SIZES, audio_signature
from training.data.phonemize import build_phoneme_id_map
from training.export import export
from training.model.acoustic import StudentTTS
from training.model.discriminators import Discriminators

FRAMES_PER_ID = 2.6   # Festival slt: frames (11.6 ms) per Piper-layout id, pads included (smoke corpus)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), default="base")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.manual_seed(0)
    size = SIZES[args.size]
    model = StudentTTS(size)
    with torch.no_grad():
        model.dur_out.weight.zero_()
        model.dur_out.bias.fill_(math.log1p(FRAMES_PER_ID))
    state = {"model": model.state_dict(), "disc": Discriminators().state_dict(), "step": 0,
             "size": size.to_dict(), "audio": audio_signature(), "phoneme_id_map": build_phoneme_id_map()}
    prefix = os.path.join(os.path.dirname(args.out) or ".", "probe-ckpt")
    save_parts(state, prefix)
    export(prefix, args.out)


if __name__ == "__main__":
    main()
