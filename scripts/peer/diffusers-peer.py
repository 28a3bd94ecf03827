#!/usr/bin/env python3
"""Peer check: Onestory vs diffusers' own ONNX pipelines on the fixture models.

For every scheduler name `onestory generate --scheduler` offers that maps to a diffusers class, renders
the SD-1.5 and SDXL fixture models (scripts/fixtures) once with Onestory (`--reweight off --ipca off`,
one frame, so the UNet sees exactly one plain prompt) and once with diffusers' pipeline on the same ONNX
files, same prompt text, negative prompt, seed, size, steps and guidance, then prints a Markdown table of
the max and mean absolute grey-level difference over all pixels and channels. Pass: max ≤ 1.
Not part of `npm test`: it needs a Python environment with torch and diffusers.

Setup (outside the repository; nothing of it is committed):

    python3 -m venv ENV
    ENV/bin/pip install torch transformers onnx onnxruntime numpy pillow requests scipy
    # diffusers, optimum and optimum-onnx from source (optimum's ONNX Runtime pipelines now live in
    # optimum-onnx): bring github:huggingface/{diffusers,optimum,optimum-onnx} onto the machine (the
    # `fetch` tool gives a bare git directory), export a work tree of each and install it without
    # dependencies (installed, not just on PYTHONPATH: optimum checks for diffusers by its metadata):
    git --git-dir=MIRROR/huggingface+diffusers/repo archive HEAD | tar -x -C SRC/diffusers   # same for the others
    ENV/bin/pip install --no-deps --no-build-isolation SRC/diffusers SRC/optimum SRC/optimum-onnx

Checked with torch 2.13 (CPU build), transformers 5.18, onnxruntime 1.30, diffusers 0.40.0.dev0 and
optimum-onnx 0.1.0.dev0 (sources' heads of 2026). optimum-onnx declares transformers < 4.58 and imports
`CLIPFeatureExtractor`, which transformers 5 dropped: the script aliases it to `CLIPImageProcessor`
(unused for text-to-image). Run from the repository root with Node 22 on PATH:

    ENV/bin/python scripts/peer/diffusers-peer.py [--family sd15|sdxl] [--only NAME ...]
        [--fixtures DIR] [--steps N] [--guidance G] [--seed S] [--keep DIR] [--onestory CHECKOUT]

Onestory renders with `--provider cpu`, as diffusers does here, so both run the same ONNX Runtime kernels.
A blank negative prompt is passed to diffusers as `negative_prompt=None` (what "no negative prompt"
is there): SDXL then zeroes the negative embeddings (`force_zeros_for_empty_prompt`), as Onestory does.

Which diffusers pipeline, and why: optimum's `ORTStableDiffusionPipeline` / `ORTStableDiffusionXLPipeline`
(the classes the fixtures' model_index.json names). They run diffusers' torch pipeline code
(`StableDiffusionPipeline.__call__`, `StableDiffusionXLPipeline.__call__`) with ONNX Runtime sessions in
place of the torch modules, so latents and per-step noise come from `randn_tensor(..., generator=g)`
with a torch CPU generator — the draws Onestory reproduces (one `torch.Generator().manual_seed(seed)`
per image, starting latents first, then each stochastic step's noise). diffusers' own
`OnnxStableDiffusionPipeline` draws with numpy and has no SDXL variant, so it cannot be compared
without re-implementing its step-noise path here.

Scheduler mapping: SCHEDULERS below, the one place that says which diffusers class (and which config
keys fixed on top of the model's scheduler_config.json) each Onestory name means — the same rule as
Onestory's `createScheduler` override: the model's noise schedule stays, the algorithm changes. Names
that this build of `onestory generate --scheduler` rejects are skipped with a line saying so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[2]

# Onestory scheduler name → (diffusers class, config keys fixed over the model's own config).
# 'model' keeps the model's scheduler_config.json as it is.
SCHEDULERS: dict[str, tuple[str, dict]] = {
    "model": ("", {}),
    "euler": ("EulerDiscreteScheduler", {}),
    "euler-ancestral": ("EulerAncestralDiscreteScheduler", {}),
    "heun": ("HeunDiscreteScheduler", {"use_karras_sigmas": False}),
    "heun-karras": ("HeunDiscreteScheduler", {"use_karras_sigmas": True}),
    "lms": ("LMSDiscreteScheduler", {"use_karras_sigmas": False}),
    "lms-karras": ("LMSDiscreteScheduler", {"use_karras_sigmas": True}),
    "kdpm2": ("KDPM2DiscreteScheduler", {"use_karras_sigmas": False}),
    "kdpm2-karras": ("KDPM2DiscreteScheduler", {"use_karras_sigmas": True}),
    "ddim": ("DDIMScheduler", {}),
    "pndm": ("PNDMScheduler", {}),
    "dpmpp-2m": (
        "DPMSolverMultistepScheduler",
        {"algorithm_type": "dpmsolver++", "solver_order": 2, "use_karras_sigmas": False},
    ),
    "dpmpp-2m-karras": (
        "DPMSolverMultistepScheduler",
        {"algorithm_type": "dpmsolver++", "solver_order": 2, "use_karras_sigmas": True, "use_exponential_sigmas": False},
    ),
    "dpmpp-2m-sde": (
        "DPMSolverMultistepScheduler",
        {"algorithm_type": "sde-dpmsolver++", "solver_order": 2, "use_karras_sigmas": False},
    ),
    "dpmpp-2m-sde-karras": (
        "DPMSolverMultistepScheduler",
        {"algorithm_type": "sde-dpmsolver++", "solver_order": 2, "use_karras_sigmas": True, "use_exponential_sigmas": False},
    ),
    "unipc": ("UniPCMultistepScheduler", {"use_karras_sigmas": False}),
    "unipc-karras": ("UniPCMultistepScheduler", {"use_karras_sigmas": True}),
    "edm-dpmpp-2m": ("EDMDPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++", "solver_order": 2}),
    "lcm": ("LCMScheduler", {}),
}

IDENTITY = "a small red fox"
FRAME = "sitting in fresh snow"
NEGATIVE = "blurry, low quality"


@dataclass
class Case:
    family: str  # sd15 | sdxl
    scheduler: str
    steps: int | None  # None: the model's default (as Onestory resolves it)
    guidance: float | None
    negative: str


@dataclass
class Outcome:
    case: Case
    skipped: str | None = None
    resolved: str = ""  # the scheduler and settings Onestory reports it used
    max_diff: int = 0
    mean_diff: float = 0.0


def make_fixtures(out: Path) -> dict[str, Path]:
    printed = subprocess.run(
        ["node", "scripts/fixtures/generate.ts", "--out", str(out)],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout
    return {k: Path(v) for k, v in json.loads(printed).items()}


def run_onestory(checkout: Path, model: Path, case: Case, seed: int, out: Path) -> tuple[dict | None, str]:
    """Renders one frame; returns (story.json, '') or (None, why it was refused)."""
    args = [
        "node", "bin/onestory.js", "generate", "--model", str(model),
        "--id", IDENTITY, "--frame", FRAME, "--negative", case.negative,
        "--reweight", "off", "--ipca", "off", "--provider", "cpu",
        "--scheduler", case.scheduler, "--seed", str(seed), "--out", str(out),
    ]
    if case.steps is not None:
        args += ["--steps", str(case.steps)]
    if case.guidance is not None:
        args += ["--guidance", str(case.guidance)]
    done = subprocess.run(args, cwd=checkout, capture_output=True, text=True)
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip()).splitlines()
        text = message[0] if message else f"exit {done.returncode}"
        if "--scheduler" in text or "scheduler" in text.lower() and "invalid" in text.lower():
            return None, text
        raise RuntimeError(f"onestory generate failed ({done.returncode}):\n{done.stderr}")
    return json.loads((out / "story.json").read_text()), ""


class Diffusers:
    """diffusers' pipelines on the fixture folders, one loaded pipeline per family."""

    def __init__(self, folders: dict[str, Path]):
        import diffusers
        import torch
        import transformers

        # transformers 5 dropped this long-deprecated alias that optimum-onnx still imports.
        # (Resolving a name may swap the lazy module in sys.modules, hence the second lookup.)
        try:
            transformers.CLIPFeatureExtractor  # noqa: B018
        except (AttributeError, ImportError):
            processor = transformers.CLIPImageProcessor
            sys.modules["transformers"].CLIPFeatureExtractor = processor
        from optimum.onnxruntime import ORTStableDiffusionPipeline, ORTStableDiffusionXLPipeline

        self.torch = torch
        self.diffusers = diffusers
        classes = {"sd15": ORTStableDiffusionPipeline, "sdxl": ORTStableDiffusionXLPipeline}
        self.pipes = {}
        self.own_schedulers = {}
        for family, folder in folders.items():
            pipe = classes[family].from_pretrained(folder, export=False, provider="CPUExecutionProvider")
            pipe.set_progress_bar_config(disable=True)
            self.pipes[family] = pipe
            self.own_schedulers[family] = pipe.scheduler

    def scheduler(self, family: str, name: str):
        own = self.own_schedulers[family]
        class_name, fixed = SCHEDULERS[name]
        if class_name == "":
            return own
        return getattr(self.diffusers, class_name).from_config(own.config, **fixed)

    def render(self, family: str, name: str, prompt: str, negative: str | None, seed: int,
               width: int, height: int, steps: int, guidance: float) -> Image.Image:
        pipe = self.pipes[family]
        pipe.scheduler = self.scheduler(family, name)
        result = pipe(
            prompt=prompt,
            negative_prompt=negative,
            width=width,
            height=height,
            num_inference_steps=steps,
            guidance_scale=guidance,
            generator=self.torch.Generator().manual_seed(seed),
            output_type="pil",
        )
        return result.images[0]


def compare(a: Image.Image, b: Image.Image) -> tuple[int, float]:
    x = np.asarray(a.convert("RGB"), dtype=np.int16)
    y = np.asarray(b.convert("RGB"), dtype=np.int16)
    if x.shape != y.shape:
        raise RuntimeError(f"image sizes differ: {x.shape} vs {y.shape}")
    d = np.abs(x - y)
    return int(d.max()), float(d.mean())


def build_cases(families: list[str], names: list[str], steps: int, guidance: float) -> list[Case]:
    cases = []
    for family in families:
        for name in names:
            cases.append(Case(family, name, steps, guidance, ""))
        if "model" in names:
            # the model's own defaults, and a negative prompt (SDXL: no zeroed negative embeddings)
            cases.append(Case(family, "model", None, None, ""))
            cases.append(Case(family, "model", steps, guidance, NEGATIVE))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", choices=["sd15", "sdxl"], action="append",
                        help="fixture family (repeatable; default both)")
    parser.add_argument("--only", action="append", choices=sorted(SCHEDULERS), metavar="NAME",
                        help="scheduler name (repeatable; default all)")
    parser.add_argument("--fixtures", type=Path, help="existing folder with sd15/ and sdxl/ (default: generate)")
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--guidance", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="keep both images of every case here")
    parser.add_argument("--onestory", type=Path, default=REPO,
                        help="checkout whose bin/onestory.js renders (default: this one)")
    args = parser.parse_args()

    families = args.family or ["sd15", "sdxl"]
    names = args.only or list(SCHEDULERS)
    work = Path(tempfile.mkdtemp(prefix="onestory-peer-"))
    try:
        if args.fixtures:
            folders = {f: (args.fixtures / f).resolve() for f in families}
        else:
            folders = {f: p for f, p in make_fixtures(work / "fixtures").items() if f in families}
        peer = Diffusers(folders)
        for name in names:  # fail now, not minutes in, when a class needs a missing package (LMS: scipy)
            peer.scheduler(families[0], name)
        import onnxruntime
        import torch
        print(f"diffusers {peer.diffusers.__version__}, torch {torch.__version__}, "
              f"onnxruntime {onnxruntime.__version__}; seed {args.seed}; "
              f"prompt id {IDENTITY!r} + frame {FRAME!r}\n")

        outcomes = []
        for case in build_cases(families, names, args.steps, args.guidance):
            out = work / "out" / f"{case.family}-{case.scheduler}-{len(outcomes)}"
            story, refused = run_onestory(args.onestory.resolve(), folders[case.family], case, args.seed, out)
            if story is None:
                print(f"skip {case.family} {case.scheduler}: onestory refuses it ({refused})")
                outcomes.append(Outcome(case, skipped=refused))
                continue
            r = story["resolved"]
            prompt = story["prompts"][0]["text"]
            ours = Image.open(out / "frame-01.png")
            # A blank negative prompt is "none" in Onestory, as `negative_prompt=None` is in diffusers: SDXL
            # then zeroes the negative embeddings (force_zeros_for_empty_prompt); diffusers encodes a literal "".
            negative = story["negativePrompt"] if story["negativePrompt"].strip() else None
            theirs = peer.render(case.family, case.scheduler, prompt, negative, args.seed,
                                 r["width"], r["height"], r["steps"], r["guidance"])
            max_diff, mean_diff = compare(ours, theirs)
            resolved = f"{r['scheduler']}, {r['steps']} steps, guidance {r['guidance']}, {r['width']}×{r['height']}"
            outcomes.append(Outcome(case, resolved=resolved, max_diff=max_diff, mean_diff=mean_diff))
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                stem = f"{case.family}-{case.scheduler}-{len(outcomes)}"
                shutil.copy(out / "frame-01.png", args.keep / f"{stem}-onestory.png")
                theirs.save(args.keep / f"{stem}-diffusers.png")
            warnings = "; ".join(story.get("warnings", []))
            print(f"{case.family} {case.scheduler}: max {max_diff}, mean {mean_diff:.4f}"
                  + (f" (onestory warned: {warnings})" if warnings else ""), flush=True)

        print("\n| family | scheduler | diffusers class | Onestory ran | negative | max diff | mean diff | pass (≤1) |")
        print("|---|---|---|---|---|---|---|---|")
        failed = 0
        for o in outcomes:
            c = o.case
            cls = SCHEDULERS[c.scheduler][0] or type(peer.own_schedulers[c.family]).__name__
            neg = "yes" if c.negative else "no"
            if o.skipped is not None:
                print(f"| {c.family} | {c.scheduler} | {cls} | — | {neg} | — | — | skipped (not offered) |")
                continue
            ok = o.max_diff <= 1
            failed += not ok
            print(f"| {c.family} | {c.scheduler} | {cls} | {o.resolved} | {neg} | {o.max_diff} | "
                  f"{o.mean_diff:.4f} | {'yes' if ok else '**no**'} |")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
