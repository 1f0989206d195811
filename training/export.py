"""Export a checkpoint to a Piper-compatible voice: `NAME.onnx` + `NAME.onnx.json`.

    python3 -m training.export --ckpt training/out/ckpt/latest.pt --out training/out/voice/en_US-voicemark-medium.onnx

I/O contract (Piper's): inputs `input` int64 [1, N] (Piper-layout phoneme ids), `input_lengths`
int64 [1], `scales` float32 [3] = (noise_scale, length_scale, noise_w); output `output` float32
[1, 1, samples]. The student is deterministic, so noise_scale and noise_w are accepted and
ignored; length_scale multiplies every predicted duration (1.5 = slower). The iSTFT is a
ConvTranspose (ONNX has no ISTFT op). Also writes `reference.json` + `reference.f32`: the torch
output for a fixed sentence, which training/eval/ort_check.mjs compares with onnxruntime-node.
"""
import argparse
import hashlib
import inspect
import json
import os

import numpy as np
import torch

from training.checkpoint import load_any
from training.config import ESPEAK_VOICE, PHONEME_TYPE, SAMPLE_RATE, ModelSize
from training.model.acoustic import StudentTTS

REFERENCE_TEXT = "The quick brown fox jumps over the lazy dog, doesn't it?"


class PiperGraph(torch.nn.Module):
    def __init__(self, model: StudentTTS):
        super().__init__()
        self.model = model

    def forward(self, input: torch.Tensor, input_lengths: torch.Tensor, scales: torch.Tensor):
        m = self.model
        positions = torch.arange(input.shape[1], device=input.device)[None, :]
        id_mask = (positions < input_lengths[:, None]).float()[:, None, :]
        h, log_dur = m.encode(input, id_mask)
        durations = m.predicted_durations(log_dur, id_mask, scales[1])
        durations = torch.cat([durations[:, :1].clamp(min=1), durations[:, 1:]], dim=1)  # never empty
        n_frames = durations.sum()
        x, mel, mask = m.decode(h, durations, n_frames)
        return m.waveform(x, mel, mask)


def voice_config(id_map: dict, state: dict, length_scale: float = 1.0) -> dict:
    return {
        "audio": {"sample_rate": SAMPLE_RATE, "quality": "medium"},
        "espeak": {"voice": ESPEAK_VOICE},
        "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                     "name_english": "English", "country_english": "United States"},
        "inference": {"noise_scale": 0.0, "length_scale": length_scale, "noise_w": 0.0},
        "phoneme_type": PHONEME_TYPE,
        "phoneme_map": {},
        "phoneme_id_map": id_map,
        "num_symbols": max(v[0] for v in id_map.values()) + 1,
        "num_speakers": 1,
        "speaker_id_map": {},
        "dataset": "voicemark-default",
        "voicemark": {
            "architecture": "duration-supervised ConvNeXt acoustic model + iSTFT head (training/README.md)",
            "teacher": "Festival 2.5 + festvox-us-slt-hts (CMU ARCTIC slt)",
            "training_steps": state["step"], "model_size": state["size"],
            "noise_scale_and_noise_w": "ignored (deterministic model)",
        },
    }


def export(ckpt: str, out: str, opset: int = 17, length_scale: float = 1.0) -> dict:
    state = load_any(ckpt)
    model = StudentTTS(ModelSize(**state["size"]))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state["model"].items()})
    model.eval()
    graph = PiperGraph(model).eval()
    id_map = state["phoneme_id_map"]

    from training.data.normalize import normalize
    from training.data.phonemize import Espeak, phoneme_ids
    ids = phoneme_ids(Espeak().ipa(normalize(REFERENCE_TEXT)), id_map)
    x = torch.tensor([ids], dtype=torch.long)
    lengths = torch.tensor([len(ids)], dtype=torch.long)
    scales = torch.tensor([0.0, 1.0, 0.0], dtype=torch.float32)

    kwargs = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False   # the TorchScript exporter handles the data-dependent frame count
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    tmp = out + ".tmp"
    with torch.no_grad():
        torch.onnx.export(graph, (x, lengths, scales), tmp, opset_version=opset,
                          input_names=["input", "input_lengths", "scales"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch_size", 1: "phonemes"},
                                        "input_lengths": {0: "batch_size"},
                                        "output": {0: "batch_size", 2: "time"}},
                          do_constant_folding=True, **kwargs)
        reference = graph(x, lengths, scales)[0, 0].numpy().astype(np.float32)
    import onnx
    onnx.checker.check_model(onnx.load(tmp), full_check=True)
    os.replace(tmp, out)
    with open(out + ".json", "w", encoding="utf-8") as f:
        json.dump(voice_config(id_map, state, length_scale), f, ensure_ascii=False, indent=2)
    folder = os.path.dirname(out) or "."
    reference.tofile(os.path.join(folder, "reference.f32"))
    with open(os.path.join(folder, "reference.json"), "w") as f:
        json.dump({"model": os.path.basename(out), "ids": ids, "samples": int(reference.shape[0]),
                   "text": REFERENCE_TEXT}, f)
    digest = hashlib.sha256(open(out, "rb").read()).hexdigest()
    info = {"onnx": out, "bytes": os.path.getsize(out), "sha256": digest, "step": state["step"],
            "reference_samples": int(reference.shape[0])}
    print(json.dumps(info))
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True, help="full checkpoint file or compact checkpoint prefix")
    ap.add_argument("--out", required=True, help="path of the .onnx to write")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--length-scale", type=float, default=1.0,
                    help="default speed in .onnx.json; 1/val_length_ratio corrects a duration bias")
    args = ap.parse_args()
    export(args.ckpt, args.out, args.opset, args.length_scale)


if __name__ == "__main__":
    main()
