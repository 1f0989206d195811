"""Word error rate as pocketsphinx hears it: teacher(s), eSpeak NG and the student side by side.

    python3 -m training.eval.wer --corpus training/out/corpus.jsonl --out training/out/eval \
        --systems festival,flite,espeak,student --model training/out/voice/en_US-voicemark-medium.onnx

Every system reads the same normalised held-out sentences (the words the teacher spoke), audio is
resampled to 16 kHz mono, and pocketsphinx_batch (Debian pocketsphinx + pocketsphinx-en-us,
default en-us acoustic model, language model and dictionary) decodes each whole utterance. WER =
(substitutions + deletions + insertions) / reference words, summed over the set. The student is
run through onnxruntime-node (training/eval/ort_synth.mjs), i.e. the app's runtime. Writes
`wer.json` and `wer.md` to --out.
"""
import argparse
import json
import os
import shutil
import subprocess
import time

import numpy as np

from training.data.features import read_wav, resample, write_wav
from training.data.normalize import spoken_words
from training.data.teacher import synthesize

PS_MODEL = "/usr/share/pocketsphinx/model/en-us"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def to_16k(src: str, dst: str) -> None:
    audio, rate = read_wav(src)
    write_wav(dst, resample(audio, rate, 16000), 16000)


def recognise(wav_dir: str, ids: list[str]) -> dict[str, list[str]]:
    """Decode ID.wav (16 kHz) files with one pocketsphinx_batch process."""
    ctl = os.path.join(wav_dir, "ctl.txt")
    hyp = os.path.join(wav_dir, "hyp.txt")
    with open(ctl, "w") as f:
        f.write("\n".join(ids) + "\n")
    subprocess.run(["pocketsphinx_batch", "-adcin", "yes", "-adchdr", "44", "-cepdir", wav_dir,
                    "-cepext", ".wav", "-ctl", ctl, "-hyp", hyp, "-logfn", "/dev/null",
                    "-hmm", f"{PS_MODEL}/en-us", "-lm", f"{PS_MODEL}/en-us.lm.bin",
                    "-dict", f"{PS_MODEL}/cmudict-en-us.dict"], check=True)
    out = {}
    with open(hyp) as f:
        for line in f:
            words, _, tail = line.rstrip().rpartition(" (")
            out[tail.split(" ")[0]] = [w for w in words.lower().split() if not w.startswith("<")]
    return out


def synth_system(system: str, records: list[dict], raw_dir: str, model: str | None, jobs: int) -> None:
    os.makedirs(raw_dir, exist_ok=True)
    if system in ("festival", "flite"):
        synthesize(records, raw_dir, system, jobs)
    elif system == "espeak":
        for rec in records:
            subprocess.run(["espeak-ng", "-v", "en-us", "-w", os.path.join(raw_dir, rec["id"] + ".wav"),
                            rec["norm"]], check=True)
    elif system == "student":
        from training.data.phonemize import phoneme_ids
        with open(model + ".json") as f:
            id_map = json.load(f)["phoneme_id_map"]
        jobs_path = os.path.join(raw_dir, "jobs.json")
        with open(jobs_path, "w") as f:
            json.dump([{"id": r["id"], "ids": phoneme_ids(r["ipa"], id_map)} for r in records], f)
        subprocess.run(["node", os.path.join(REPO_ROOT, "training/eval/ort_synth.mjs"), model, jobs_path,
                        raw_dir], check=True)
    else:
        raise ValueError(system)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--systems", default="festival,flite,espeak")
    ap.add_argument("--model", default=None, help="student .onnx (for the 'student' system)")
    ap.add_argument("--limit", type=int, default=None, help="first N held-out sentences")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if r["split"] == "test"]
    records = records[: args.limit] if args.limit else records
    refs = {r["id"]: spoken_words(r["norm"]) for r in records}
    n_words = sum(len(v) for v in refs.values())
    results = {}
    for system in args.systems.split(","):
        raw_dir = os.path.join(args.out, system, "raw")
        dir16 = os.path.join(args.out, system, "16k")
        shutil.rmtree(dir16, ignore_errors=True)
        os.makedirs(dir16)
        t0 = time.time()
        synth_system(system, records, raw_dir, args.model, args.jobs)
        t_synth = time.time() - t0
        audio_s = 0.0
        for r in records:
            src = os.path.join(raw_dir, r["id"] + ".wav")
            audio, rate = read_wav(src)
            audio_s += len(audio) / rate
            write_wav(os.path.join(dir16, r["id"] + ".wav"), resample(audio, rate, 16000), 16000)
        hyps = recognise(dir16, [r["id"] for r in records])
        errors = sum(edit_distance(refs[i], hyps.get(i, [])) for i in refs)
        results[system] = {"wer": round(100.0 * errors / n_words, 1), "errors": errors, "words": n_words,
                           "sentences": len(records), "audio_seconds": round(audio_s, 1),
                           "synthesis_seconds": round(t_synth, 1),
                           "examples": {i: " ".join(hyps.get(i, [])) for i in list(refs)[:3]}}
        print(f"{system}: WER {results[system]['wer']} % ({errors}/{n_words} words, {len(records)} sentences)",
              flush=True)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "wer.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(args.out, "wer.md"), "w") as f:
        f.write(f"| system | WER % | errors / words | sentences |\n|---|---|---|---|\n")
        for s, r in results.items():
            f.write(f"| {s} | {r['wer']} | {r['errors']} / {r['words']} | {r['sentences']} |\n")


if __name__ == "__main__":
    main()
