"""Select, normalise, dedupe, split and phonemize the training text.

    python3 -m training.data.build_corpus --hours 7 --out training/out/corpus.jsonl

Each line: {"id", "source", "text", "norm", "ipa", "split"}. The held-out split is fixed by a
hash of the normalised sentence, so adding sources never moves a sentence between train and test.
Runs where eSpeak NG is installed (this machine); the GPU machine only reads the result.
"""
import argparse
import hashlib
import json
import os
import re

from training.data.normalize import normalize
from training.data.phonemize import Espeak
from training.data.templates import project_sentences
from training.data.text_sources import fortunes, wordnet_examples

SECONDS_PER_WORD = 0.36   # Festival slt's speaking rate, measured on the smoke corpus
SECONDS_PER_SENTENCE = 0.5


def dedupe_key(norm: str) -> str:
    return re.sub(r"[^a-z]+", " ", norm.lower()).strip()


def stable_hash(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")


def is_test(key: str, test_permille: int) -> bool:
    return stable_hash("split:" + key) % 1000 < test_permille


def estimated_seconds(norm: str) -> float:
    return SECONDS_PER_SENTENCE + SECONDS_PER_WORD * len(norm.split())


def candidates(template_count: int, with_fortunes: bool):
    for text in project_sentences(template_count):
        yield "project", text
    for text in wordnet_examples():
        yield "wordnet", text
    if with_fortunes:
        for text in fortunes():
            yield "fortunes", text


def build(hours: float, template_count: int, with_fortunes: bool, test_permille: int, test_count: int,
          max_sentences: int | None) -> list[dict]:
    seen: set[str] = set()
    pool = []
    for source, text in candidates(template_count, with_fortunes):
        norm = normalize(text)
        key = dedupe_key(norm)
        if not key or key in seen or len(key.split()) < 1:
            continue
        seen.add(key)
        pool.append({"source": source, "text": text, "norm": norm, "key": key})
    # Deterministic shuffle: order by hash, so the selection is stable across runs and machines.
    pool.sort(key=lambda r: stable_hash("order:" + r["key"]))
    # Test sentences come from the hash-marked part of the whole pool, independent of --hours, so a
    # smoke corpus and a full corpus share one held-out set; the rest of that part is never used.
    test = [r for r in pool if is_test(r["key"], test_permille)][:test_count]
    train_pool = [r for r in pool if not is_test(r["key"], test_permille)]
    budget = hours * 3600.0
    chosen, total = [], 0.0
    for rec in train_pool:
        if total >= budget or (max_sentences and len(chosen) >= max_sentences):
            break
        chosen.append(rec)
        total += estimated_seconds(rec["norm"])
    for rec in test:
        rec["split"] = "test"
    for rec in chosen:
        rec["split"] = "train"
    chosen = test + chosen
    for rec in chosen:
        rec["id"] = rec["source"][:2] + "-" + hashlib.sha256(rec["key"].encode()).hexdigest()[:12]
    espeak = Espeak()
    for rec in chosen:
        rec["ipa"] = espeak.ipa(rec["norm"])
        del rec["key"]
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="training/out/corpus.jsonl")
    ap.add_argument("--hours", type=float, default=7.0, help="estimated hours of training audio")
    ap.add_argument("--templates", type=int, default=8000, help="project-written sentences to offer")
    ap.add_argument("--with-fortunes", action="store_true", help="also use fortunes-min (see licence note)")
    ap.add_argument("--test-permille", type=int, default=50, help="share of the pool marked held-out")
    ap.add_argument("--test-count", type=int, default=60, help="held-out sentences kept (first by hash)")
    ap.add_argument("--max-sentences", type=int, default=None, help="cap on training sentences (smoke runs)")
    args = ap.parse_args()
    rows = build(args.hours, args.templates, args.with_fortunes, args.test_permille,
                 args.test_count, args.max_sentences)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for rec in rows:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    os.replace(tmp, args.out)
    n_test = sum(r["split"] == "test" for r in rows)
    by_source = {}
    for r in rows:
        by_source[r["source"]] = by_source.get(r["source"], 0) + 1
    est_h = sum(estimated_seconds(r["norm"]) for r in rows if r["split"] == "train") / 3600
    print(f"corpus: {len(rows)} sentences ({n_test} held out), ~{est_h:.2f} h train audio, {by_source} -> {args.out}")


if __name__ == "__main__":
    main()
