"""PyTorch's side of the GPU comparison (issue 14): diffusers' UNet2DConditionModel at SD 1.5's real widths with
seeded random weights, timed on the GPU in fp16 and fp32 at the batch Onestory runs (4 frames x CFG = 8 items,
64x64 latents for 512^2), and exported with torch.onnx's legacy exporter (opset 17) so scripts/bench/unet-calls.ts
times the very same weights through onnxruntime-node's WebGPU provider. Also writes one fixed input and PyTorch's
float32 output for it, so the WebGPU output can be checked for wrong values.

Needs torch (CUDA), onnx and diffusers' source on PYTHONPATH (fetch github:huggingface/diffusers; src/).
Usage: python3 scripts/bench/torch-unet.py --out DIR [--batch 8] [--latent 64] [--tokens 77] [--runs 10]
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from diffusers import UNet2DConditionModel

SD15 = dict(
    sample_size=64, in_channels=4, out_channels=4, layers_per_block=2,
    block_out_channels=(320, 640, 1280, 1280),
    down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
    up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    cross_attention_dim=768, attention_head_dim=8,
)


def inputs(batch, latent, tokens, dtype, device):
    g = torch.Generator().manual_seed(1)
    sample = torch.randn(batch, 4, latent, latent, generator=g)
    context = torch.randn(batch, tokens, 768, generator=g)
    timestep = torch.tensor(500.0)
    return sample.to(device, dtype), timestep.to(device, dtype), context.to(device, dtype)


def time_calls(model, args, runs, device):
    with torch.inference_mode():
        for _ in range(3 if device == "cuda" else 1):
            model(*args)
        times = []
        for _ in range(runs):
            if device != "cuda":
                started = time.perf_counter()
                model(*args)
                times.append((time.perf_counter() - started) * 1000)
                continue
            torch.cuda.synchronize()
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            model(*args)
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end))
    return float(np.median(times))


def unet_flops(model, args):
    """Multiply-adds of Conv and Linear layers and attention products, counted with forward hooks, times 2."""
    total = [0]

    def conv_hook(m, i, o):
        total[0] += o.numel() * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]

    def linear_hook(m, i, o):
        total[0] += o.numel() * m.in_features

    hooks = []
    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, torch.nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    with torch.inference_mode():
        model(*args)
    for h in hooks:
        h.remove()
    # attention: QK^T and PV, per transformer block (self and cross)
    b, _, h, w = args[0].shape
    tokens_ctx = args[2].shape[1]
    for name, m in model.named_modules():
        if name.endswith("attn1") or name.endswith("attn2"):
            inner = m.to_q.out_features
            level = 1 if "down_blocks.0" in name or "up_blocks.3" in name else 2 if "down_blocks.1" in name or "up_blocks.2" in name else 4 if "down_blocks.2" in name or "up_blocks.1" in name else 8
            q = (h // level) * (w // level)
            k = q if name.endswith("attn1") else tokens_ctx
            total[0] += 2 * b * q * k * inner
    return 2 * total[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--latent", type=int, default=64)
    p.add_argument("--tokens", type=int, default=77)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--device", default="cuda", help="cpu: only to try the script (fp32 only)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(0)
    model = UNet2DConditionModel(**SD15).eval()
    report = {"params": sum(t.numel() for t in model.parameters()), "batch": a.batch, "latent": a.latent, "tokens": a.tokens}

    dev = a.device
    precisions = ((torch.float16, "fp16"), (torch.float32, "fp32")) if dev == "cuda" else ((torch.float32, "fp32"),)
    cuda = model.to(dev)
    report["flops_per_call"] = unet_flops(cuda, inputs(a.batch, a.latent, a.tokens, torch.float32, dev))
    for dtype, name in precisions:
        m = cuda.to(dtype)
        ms = time_calls(m, inputs(a.batch, a.latent, a.tokens, dtype, dev), a.runs, dev)
        report[f"torch_{name}_ms"] = ms
        report[f"torch_{name}_tflops"] = report["flops_per_call"] / ms / 1e9
        print(f"PyTorch {torch.__version__} eager {name}: {ms:.1f} ms per call ({report[f'torch_{name}_tflops']:.1f} TFLOP/s)", flush=True)

    # The check values: one input, PyTorch's float32 output (on the GPU, TF32 off).
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    m32 = cuda.to(torch.float32)
    sample, timestep, context = inputs(a.batch, a.latent, a.tokens, torch.float32, dev)
    with torch.inference_mode():
        expected = m32(sample, timestep, context).sample
    for tensor, file in ((sample, "sample"), (context, "context"), (expected, "expected")):
        tensor.float().cpu().numpy().astype("<f4").tofile(os.path.join(a.out, f"{file}.f32"))

    for dtype, name in precisions:  # fp16 first: a time-out cuts the fp32 export, not the headline
        folder = os.path.join(a.out, name)
        os.makedirs(folder, exist_ok=True)
        m = cuda.to(dtype)
        started = time.time()
        torch.onnx.export(
            m, inputs(2, a.latent, a.tokens, dtype, dev), os.path.join(folder, "model.onnx"),
            input_names=["sample", "timestep", "encoder_hidden_states"], output_names=["out_sample"],
            dynamic_axes={"sample": {0: "batch", 2: "height", 3: "width"}, "encoder_hidden_states": {0: "batch", 1: "sequence"}},
            opset_version=17, do_constant_folding=True, dynamo=False,
        )
        report[f"export_{name}_s"] = time.time() - started
        print(f"exported {name} in {report[f'export_{name}_s']:.0f} s", flush=True)
    with open(os.path.join(a.out, "torch.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
