# Reference pixel_values for preprocess-image.test.ts, made independently of Onestory with Pillow and numpy the way
# transformers' CLIPImageProcessor / BitImageProcessor do it: PIL resize (reducing_gap=None), centre crop,
# rescale (float64, then float32), normalise in float32. Run: python3 make-preprocess-reference.py > preprocess-reference.json
import base64, json, sys
import numpy as np
import PIL
from PIL import Image

CLIP = ([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])
IMAGENET = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
CASES = [
    dict(name="downscale 61x47 bicubic -> 32, crop 32", width=61, height=47, shortest=32, crop=32, resample=3, stats=CLIP),
    dict(name="upscale 20x30 bicubic -> 36, crop 32", width=20, height=30, shortest=36, crop=32, resample=3, stats=IMAGENET),
    dict(name="downscale 97x64 lanczos -> 24, crop 24", width=97, height=64, shortest=24, crop=24, resample=1, stats=CLIP),
    dict(name="downscale 300x200 bilinear -> 20, crop 16", width=300, height=200, shortest=20, crop=16, resample=2, stats=CLIP),
]

def pattern(width, height):
    # the same formula as the test: edges and noise-like detail so rounding matters
    y, x, c = np.meshgrid(np.arange(height), np.arange(width), np.arange(3), indexing="ij")
    return ((x * x * 3 + y * 7 + c * 85 + ((x * y) % 13) * 11) % 256).astype(np.uint8)

def preprocess(case):
    image = Image.fromarray(pattern(case["width"], case["height"]), "RGB")
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = case["shortest"], int(case["shortest"] * long / short)
    size = (new_short, new_long) if w <= h else (new_long, new_short)
    array = np.array(image.resize(size, resample=case["resample"], reducing_gap=None))
    top = (array.shape[0] - case["crop"]) // 2
    left = (array.shape[1] - case["crop"]) // 2
    array = array[top:top + case["crop"], left:left + case["crop"]]
    array = (array.astype(np.float64) * (1 / 255)).astype(np.float32)
    mean, std = (np.array(v, dtype=np.float32) for v in case["stats"])
    array = (array - mean) / std
    return np.ascontiguousarray(array.transpose(2, 0, 1)).astype("<f4")

out = {"made_with": f"Pillow {PIL.__version__}, numpy {np.__version__}", "cases": []}
for case in CASES:
    values = preprocess(case)
    out["cases"].append({**{k: v for k, v in case.items() if k != "stats"}, "mean": case["stats"][0], "std": case["stats"][1],
                         "shape": list(values.shape), "float32_base64": base64.b64encode(values.tobytes()).decode()})
json.dump(out, sys.stdout, indent=1)
