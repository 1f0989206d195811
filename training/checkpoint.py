"""Checkpoints: a full one for resuming on the same machine, and a compact one that travels.

The device tool returns at most 8 files of 16 MiB (64 MiB together) and carries at most 64 MiB
(working tree included) into the next session, so the compact checkpoint drops optimizer state
(Adam restarts with a short warm-up on resume), stores the discriminators in bf16 and the
generator in fp16 by default (fp32 for the checkpoint a voice is exported from), and is written as
parts of at most 15 MiB: `NAME.part00`, `NAME.part01`, ...
"""
import glob
import io
import os

import torch

PART_BYTES = 15 * 1024 * 1024


def atomic_save(obj, path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def _cast(tensors: dict, dtype) -> dict:
    return {k: (v.detach().to("cpu", dtype) if v.is_floating_point() else v.cpu()) for k, v in tensors.items()}


def compact_state(state: dict, model_dtype=torch.float16) -> dict:
    return {"model": _cast(state["model"], model_dtype), "disc": _cast(state["disc"], torch.bfloat16), "step": state["step"], "size": state["size"],
            "audio": state["audio"], "phoneme_id_map": state["phoneme_id_map"], "compact": True}


def save_parts(obj, prefix: str, part_bytes: int = PART_BYTES) -> list[str]:
    buf = io.BytesIO()
    torch.save(obj, buf)
    data = buf.getvalue()
    for old in glob.glob(prefix + ".part*"):
        os.unlink(old)
    os.makedirs(os.path.dirname(prefix) or ".", exist_ok=True)
    paths = []
    for i in range(0, len(data), part_bytes):
        path = f"{prefix}.part{i // part_bytes:02d}"
        with open(path + ".tmp", "wb") as f:
            f.write(data[i:i + part_bytes])
        os.replace(path + ".tmp", path)
        paths.append(path)
    return paths


def _load(f, map_location):
    # Only files this pipeline wrote are loaded. torch >= 2.6 defaults to weights_only=True, whose
    # allow-list differs between versions (1.13's rejects optimizer state), so ask for the plain
    # unpickler explicitly.
    return torch.load(f, map_location=map_location, weights_only=False)


def load_parts(prefix: str, map_location="cpu"):
    paths = sorted(glob.glob(prefix + ".part*"))
    if not paths:
        raise FileNotFoundError(f"no {prefix}.partNN files")
    data = b"".join(open(p, "rb").read() for p in paths)
    return _load(io.BytesIO(data), map_location)


def load_any(path: str, map_location="cpu"):
    """A full checkpoint file, or the prefix of a compact one."""
    if os.path.isfile(path):
        return _load(path, map_location)
    return load_parts(path, map_location)
