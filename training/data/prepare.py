"""Corpus → teacher audio + phone times → aligned ids/durations → shards.

    python3 -m training.data.prepare --corpus training/out/corpus.jsonl --work training/out/work \
        --teacher festival --jobs 16

Resumable: synthesis skips finished utterances. Shards (`shard-NNN.npz`, each about --shard-mb)
hold int16 audio at the student rate, Piper-layout phoneme ids and frames per id; `meta.json`
holds the audio constants, the phoneme id map and the split. Log-mels are computed on the fly
from the audio during training (one definition: training/model/audio.py).
"""
import argparse
import json
import os
import time
from multiprocessing import Pool

import numpy as np

from training.config import HOP, SAMPLE_RATE, audio_signature, PHONEME_TYPE, ESPEAK_VOICE
from training.data.align import id_durations
from training.data.features import student_audio
from training.data.phonemize import build_phoneme_id_map
from training.data.teacher import synthesize

MAX_COST_PER_PHONE = 0.25   # above this the two front ends disagree too much to trust the durations


def load_corpus(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _process(args):
    rec, teacher_dir, id_map = args
    audio = student_audio(os.path.join(teacher_dir, rec["id"] + ".wav"))
    with open(os.path.join(teacher_dir, rec["id"] + ".phones.json")) as f:
        phones = json.load(f)
    n_frames = len(audio) // HOP
    ids, durs, cost = id_durations(rec["ipa"], id_map, phones, n_frames, SAMPLE_RATE / HOP)
    pcm = np.round(np.clip(audio, -1, 1) * 32767).astype(np.int16)
    return rec, ids.astype(np.int16), durs.astype(np.int16), pcm, cost


def write_shards(items: list, out_dir: str, shard_bytes: int) -> list[str]:
    os.makedirs(out_dir, exist_ok=True)
    names, batch, size = [], [], 0

    def flush():
        if not batch:
            return
        name = f"shard-{len(names):03d}.npz"
        ids = [b[1] for b in batch]
        durs = [b[2] for b in batch]
        pcm = [b[3] for b in batch]
        tmp = os.path.join(out_dir, name + ".tmp.npz")
        np.savez(tmp,
                 utt_id=np.array([b[0]["id"] for b in batch]),
                 split=np.array([b[0]["split"] for b in batch]),
                 id_offsets=np.cumsum([0] + [len(x) for x in ids]),
                 ids=np.concatenate(ids), durs=np.concatenate(durs),
                 audio_offsets=np.cumsum([0] + [len(x) for x in pcm]),
                 audio=np.concatenate(pcm))
        os.replace(tmp, os.path.join(out_dir, name))
        names.append(name)
        batch.clear()

    for item in items:
        item_bytes = item[3].nbytes + item[1].nbytes * 2
        if batch and size + item_bytes > shard_bytes:
            flush()
            size = 0
        batch.append(item)
        size += item_bytes
    flush()
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True, help="folder for teacher audio and shards")
    ap.add_argument("--teacher", choices=["festival", "flite"], default="festival")
    ap.add_argument("--teacher-bin", default=None, help="festival/flite executable (e.g. bundle/bin/festival)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--shard-mb", type=int, default=15, help="< 16 MiB: a shard fits one device-tool file")
    args = ap.parse_args()

    corpus = load_corpus(args.corpus)
    teacher_dir = os.path.join(args.work, "teacher-" + args.teacher)
    t0 = time.time()
    synthesize(corpus, teacher_dir, args.teacher, args.jobs, args.teacher_bin)
    t_synth = time.time() - t0

    id_map = build_phoneme_id_map()
    with Pool(args.jobs) as pool:
        results = pool.map(_process, [(r, teacher_dir, id_map) for r in corpus], chunksize=16)
    kept = [r for r in results if r[4] <= MAX_COST_PER_PHONE]
    dropped = [r[0]["id"] for r in results if r[4] > MAX_COST_PER_PHONE]
    shard_dir = os.path.join(args.work, "shards")
    for old in os.listdir(shard_dir) if os.path.isdir(shard_dir) else []:
        os.unlink(os.path.join(shard_dir, old))
    names = write_shards(kept, shard_dir, args.shard_mb * 1024 * 1024)
    seconds = {s: sum(len(r[3]) for r in kept if r[0]["split"] == s) / SAMPLE_RATE for s in ("train", "test")}
    meta = {
        "audio": audio_signature(), "teacher": args.teacher, "phoneme_type": PHONEME_TYPE,
        "espeak_voice": ESPEAK_VOICE, "phoneme_id_map": id_map, "shards": names,
        "utterances": len(kept), "dropped_by_alignment": dropped,
        "hours": {k: round(v / 3600, 3) for k, v in seconds.items()},
        "synthesis_seconds": round(t_synth, 1),
        "mean_alignment_cost": float(np.mean([r[4] for r in results])) if results else 0.0,
    }
    with open(os.path.join(shard_dir, "meta.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    print(f"prepare: {len(kept)} utterances kept, {len(dropped)} dropped by alignment; "
          f"train {seconds['train'] / 3600:.2f} h, test {seconds['test'] / 60:.1f} min; "
          f"synthesis {t_synth:.0f} s; {len(names)} shard(s) in {shard_dir}")


if __name__ == "__main__":
    main()
