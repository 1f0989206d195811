"""Teacher synthesis with exact phone end times.

Festival 2.5 + festvox-us-slt-hts (32 kHz, HTS) is the default teacher: pocketsphinx hears it best
(8.5 % WER vs 14.0 % for flite slt, shared/docs/VOICE-FACTS.md) and its rate allows a 22.05 kHz
student. flite slt (16 kHz) is kept for baselines and as a fallback teacher.

Each utterance gives `ID.wav` (the teacher's own rate) and `ID.phones.json`:
[[phone, end_seconds], ...] in the teacher's phone set (CMU arpabet, 'pau' for silence).
"""
import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

FESTIVAL_VOICE = "voice_cmu_us_slt_arctic_hts"


def _scheme_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def festival_batch(records: list[dict], out_dir: str, festival: str = "festival") -> None:
    """Synthesize records ({id, norm}) in one Festival process; writes wav + Segment labels."""
    lines = [f"({FESTIVAL_VOICE})"]
    for rec in records:
        wav = os.path.join(out_dir, rec["id"] + ".wav")
        lab = os.path.join(out_dir, rec["id"] + ".lab")
        lines.append(f"(set! u (Utterance Text {_scheme_string(rec['norm'])}))")
        lines.append("(utt.synth u)")
        lines.append(f"(utt.save.wave u {_scheme_string(wav)} 'riff)")
        lines.append(f"(utt.save.segs u {_scheme_string(lab)})")
    with tempfile.NamedTemporaryFile("w", suffix=".scm", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        script = f.name
    try:
        subprocess.run([festival, "-b", script], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=600)
    finally:
        os.unlink(script)
    for rec in records:
        lab = os.path.join(out_dir, rec["id"] + ".lab")
        phones = read_festival_segs(lab)
        os.unlink(lab)
        _write_json(os.path.join(out_dir, rec["id"] + ".phones.json"), phones)


def read_festival_segs(path: str) -> list[list]:
    """xlabel format: header up to '#', then 'END_TIME COLOUR PHONE' per segment."""
    phones, in_body = [], False
    with open(path) as f:
        for line in f:
            if not in_body:
                in_body = line.strip() == "#"
                continue
            parts = line.split()
            if len(parts) >= 3:
                phones.append([parts[2], float(parts[0])])
    return phones


def flite_one(rec: dict, out_dir: str, flite: str = "flite", voice: str = "slt") -> None:
    wav = os.path.join(out_dir, rec["id"] + ".wav")
    res = subprocess.run([flite, "-voice", voice, "-psdur", "-t", rec["norm"], "-o", wav],
                         check=True, capture_output=True, text=True, timeout=120)
    phones = [[p.rsplit(":", 1)[0], float(p.rsplit(":", 1)[1])] for p in res.stdout.split()]
    _write_json(os.path.join(out_dir, rec["id"] + ".phones.json"), phones)


def _write_json(path: str, obj) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f)
    os.replace(tmp, path)


def synthesize(records: list[dict], out_dir: str, teacher: str = "festival", jobs: int = 2,
               binary: str | None = None, batch: int = 40) -> None:
    """Synthesize every record not already done (resumable: finished ids are skipped)."""
    os.makedirs(out_dir, exist_ok=True)
    todo = [r for r in records if not os.path.exists(os.path.join(out_dir, r["id"] + ".phones.json"))]
    if teacher == "festival":
        chunks = [todo[i:i + batch] for i in range(0, len(todo), batch)]
        work = lambda chunk: festival_batch(chunk, out_dir, binary or "festival")
    elif teacher == "flite":
        chunks = todo
        work = lambda rec: flite_one(rec, out_dir, binary or "flite")
    else:
        raise ValueError(f"unknown teacher {teacher!r}")
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # threads only wait on child processes
        for _ in pool.map(work, chunks):
            pass
