"""Template detection at scale: ``python -m benchmarks.templates_bench --letters 1000,10000``.

Times ``kg.templates.detect`` (split, normalise, MinHash + LSH against cluster leaders, verify,
cluster, per-letter shares) on generated letters. The letters come from
``benchmarks.generate.generate_letters`` when that module exists, else from the generator
below, which mimics what matters for this step: each letter copies a random subset of
national template paragraphs (with its force's name in them and a few words edited, so near
duplicates are near, not identical), and adds paragraphs of its own. Sizes are timed in
separate runs of ``detect``; the seconds per letter should stay roughly flat as the number of
letters grows (no all-pairs comparison).

Measured 2026-11-22 with this file's generator, on a 2-core machine shared with other jobs
(load average about 8, so absolute times are pessimistic):

| letters | paragraphs | templates | seconds | ms/letter |
|---:|---:|---:|---:|---:|
| 1,000 | 12,466 | 17 | 13.0 | 13.0 |
| 2,000 | 24,877 | 15 | 26.4 | 13.2 |
| 5,000 | 62,299 | 29 | 66.3 | 13.3 |
| 10,000 | 124,870 | 36 | 142.3 | 14.2 |
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kg.gazetteer import forces
from kg.templates import Letter, detect

NATIONAL = [
    "Any disclosure under FOI is a release to the public at large. Whilst not questioning the "
    "motives of the applicant, confirming or denying that any other information relating to the "
    "covert practice of facial recognition would show criminals what the capacity, tactical "
    "abilities and capabilities of {force} are, allowing them to target specific areas of the "
    "UK to conduct their criminal or terrorist activities.",
    "Confirming or denying the specific circumstances in which the Police Service may or may "
    "not deploy the use of facial recognition would lead to an increase of harm to covert "
    "investigations and compromise law enforcement. This would be to the detriment of providing "
    "an efficient policing service and a failure in providing a duty of care to all members of "
    "the public.",
    "The threat from terrorism cannot be ignored. It is generally recognised that the "
    "international security landscape is increasingly complex and unpredictable. The UK "
    "continues to face a sustained threat from violent extremists and terrorists and the "
    "current threat level is set at substantial.",
    "It is well established that police forces use covert tactics and surveillance to gain "
    "intelligence in order to counteract criminal behaviour. It has been previously documented "
    "in the media that many terrorist incidents have been thwarted due to intelligence gained "
    "by these means.",
    "Confirming or denying whether any information is or is not held relating to the covert use "
    "of facial recognition technology would limit operational capabilities as criminals would "
    "gain a greater understanding of the police's methods and techniques, enabling offenders to "
    "take steps to counter them.",
    "In addition to the local criminal fraternity now being better informed, those intent on "
    "organised crime throughout the UK will be able to map where the use of certain tactics "
    "are or are not deployed. This can be useful information to those committing crimes.",
    "Any information identifying the focus of policing activity could be used to the advantage "
    "of terrorists or criminal organisations. Information that undermines the operational "
    "integrity of these activities will adversely affect public safety and have a negative "
    "impact on both National Security and Law Enforcement.",
    "The public are entitled to know how public funds are spent and by confirming or denying "
    "whether any other information is held could lead to a better informed public that can take "
    "steps to protect themselves.",
    "By confirming or denying the use of specialist techniques could render security measures "
    "less effective. This could lead to the compromise of ongoing or future operations to "
    "protect the security or infrastructure of the UK and increase the risk of harm to the "
    "public.",
    "The Police Service is charged with enforcing the law, preventing and detecting crime and "
    "protecting the communities we serve. The security of the country is of paramount "
    "importance and {force} will not divulge whether any other information is or is not held.",
    "None of the above can be viewed as an inference that the information you seek does or does "
    "not exist.",
    "{force} provides you the right to request an independent review of this response under its "
    "review procedure. If you require such a review you must notify us within two months from "
    "the date of this letter.",
]

_WORDS = (
    "request information camera deployment watch list operation software hardware budget "
    "officer unit review county city station event match alert arrest stop retention image "
    "database supplier contract trial evaluation policy board committee report audit data "
    "privacy impact assessment partner council safety crime prevention detection public"
)
_VOCAB = _WORDS.split()


def _edit(text: str, rng: random.Random, rate: float) -> str:
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 2:
            continue  # dropped
        if r < rate:
            out.append(rng.choice(_VOCAB))  # substituted
            continue
        out.append(w)
    return " ".join(out)


def make_letters(n: int, seed: int = 7) -> list[Letter]:
    """``n`` letters: 4 to 10 national paragraphs (some reworded) and 3 to 8 of their own."""
    rng = random.Random(seed)
    names = [f.name for f in forces()]
    out = []
    for i in range(n):
        force = names[i % len(names)]
        paras = []
        for tmpl in rng.sample(NATIONAL, rng.randint(4, 10)):
            text = tmpl.format(force=force)
            paras.append(_edit(text, rng, 0.02 if rng.random() < 0.8 else 0.15))
        for _ in range(rng.randint(3, 8)):
            own = " ".join(
                rng.choice(_VOCAB) + str(rng.randint(0, 99999)) for _ in range(rng.randint(12, 60))
            )
            paras.insert(rng.randint(0, len(paras)), own.capitalize() + ".")
        out.append(Letter(f"urn:bench:{i}", "\n\n".join(paras), f"{i}/24", force))
    return out


def letters_for(n: int, seed: int) -> list[Letter]:
    """The shared generator's letters when it exists (loaded from its files), else ours."""
    try:
        from benchmarks.generate import generate_letters  # type: ignore[import-not-found]
    except ImportError:
        return make_letters(n, seed)
    from kg.loaders import load

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_letters(n, seed, Path(tmp))
        files = sorted(Path(p) for p in paths) if paths else sorted(Path(tmp).rglob("*.*"))
        return [Letter(f"urn:bench:{i}", load(str(p)).text, p.name) for i, p in enumerate(files)]


def measure(n: int, seed: int = 7, *, own_generator: bool = False) -> dict[str, float | int]:
    letters = make_letters(n, seed) if own_generator else letters_for(n, seed)
    t0 = time.perf_counter()
    report = detect(letters)
    seconds = time.perf_counter() - t0
    paragraphs = sum(len(ls.paragraphs) for ls in report.letters)
    return {
        "letters": n,
        "paragraphs": paragraphs,
        "templates": len(report.templates),
        "seconds": round(seconds, 2),
        "ms_per_letter": round(1000 * seconds / n, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--own-generator",
        action="store_true",
        help="use this file's generator even if benchmarks.generate exists",
    )
    args = parser.parse_args(argv)
    print("| letters | paragraphs | templates | seconds | ms/letter |")
    print("|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.letters.split(",")):
        r = measure(n, args.seed, own_generator=args.own_generator)
        print(
            f"| {r['letters']:,} | {r['paragraphs']:,} | {r['templates']} | {r['seconds']} "
            f"| {r['ms_per_letter']} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
