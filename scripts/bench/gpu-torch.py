#!/usr/bin/env python3
"""PyTorch's side of bench:gpu's --unet-only: diffusers' UNet2DConditionModel built from the architecture-true
fixture's own unet/config.json, with the fixture's weights (the ONNX initializers carry diffusers' state_dict names;
Linear weights are stored transposed, [in, out], and are transposed back), timed at the same batch (2 x frames),
size and context length (77 tokens) with CUDA events: warm-up, then the median of N calls; FLOPs counted with
torch.utils.flop_counter for TFLOP/s. Needs only torch, onnx, numpy and diffusers (e.g. from its source on
PYTHONPATH). Without the fixture's weights (--random-init, or names that do not match) it says so and times
diffusers' own random init.

  PYTHONPATH=diffusers/src python3 scripts/bench/gpu-torch.py --family sd15 --precision fp16 --size 512 --frames 4
  python3 scripts/bench/gpu-torch.py --device cpu --tiny --family sdxl --size 128 --calls 3 --compare-onnx

--compare-onnx (needs onnxruntime) also runs the ONNX UNet on the CPU with the same inputs and prints the largest
difference: the fixture and diffusers' model compute the same function.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CONTEXT_TOKENS = 77


def fixture_dir(family, precision, tiny):
    return os.path.join(REPO, '.cache', 'fixtures-full', f"{family}{'-tiny' if tiny else ''}-{precision}")


def read_initializers(model_path):
    """name -> numpy array, reading external data with memory maps (no copy of a multi-GB file)."""
    model = onnx.load(model_path, load_external_data=False)
    folder = os.path.dirname(model_path)
    maps = {}
    arrays = {}
    for tensor in model.graph.initializer:
        if tensor.data_location == onnx.TensorProto.EXTERNAL:
            info = {e.key: e.value for e in tensor.external_data}
            dtype = onnx.helper.tensor_dtype_to_np_dtype(tensor.data_type)
            path = os.path.join(folder, info['location'])
            if path not in maps:
                maps[path] = np.memmap(path, dtype=np.uint8, mode='r')
            raw = maps[path][int(info['offset']):int(info['offset']) + int(info['length'])]
            arrays[tensor.name] = raw.view(dtype).reshape(tuple(tensor.dims))
        else:
            arrays[tensor.name] = numpy_helper.to_array(tensor)
    return arrays


def load_onnx_weights(unet, model_path):
    """Copies the fixture's initializers into the model; returns (loaded, missing) state_dict key lists."""
    arrays = read_initializers(model_path)
    state = unet.state_dict()
    loaded, missing = [], []
    with torch.no_grad():
        for key, param in state.items():
            array = arrays.get(key)
            if array is None:
                missing.append(key)
                continue
            if array.ndim == 2:
                array = array.T  # every 2-D UNet weight is a Linear's, stored for MatMul as [in, out]: torch's is [out, in]
            elif array.size == param.numel():
                array = array.reshape(param.shape)  # GroupNorm's affine is stored [C, 1, 1] to broadcast over NCHW
            if tuple(array.shape) != tuple(param.shape):
                missing.append(key)
                continue
            param.copy_(torch.from_numpy(np.array(array)).to(param.dtype))  # a writable copy of the memory-mapped bytes
            loaded.append(key)
    return loaded, missing


def unet_inputs(config, batch, latent, dtype, device):
    gen = torch.Generator().manual_seed(0)
    inputs = {
        'sample': torch.randn(batch, config['in_channels'], latent, latent, generator=gen),
        'timestep': torch.tensor(500.0),
        'encoder_hidden_states': torch.randn(batch, CONTEXT_TOKENS, config['cross_attention_dim'], generator=gen),
    }
    added = None
    if config.get('addition_embed_type') == 'text_time':
        text_dim = config['projection_class_embeddings_input_dim'] - 6 * config['addition_time_embed_dim']
        added = {'text_embeds': torch.randn(batch, text_dim, generator=gen), 'time_ids': torch.tensor([[latent * 8.0, latent * 8.0, 0.0, 0.0, latent * 8.0, latent * 8.0]]).repeat(batch, 1)}
    cast = lambda t: t.to(device=device, dtype=dtype) if t.is_floating_point() and t.dim() > 0 else t.to(device)
    inputs = {k: cast(v) for k, v in inputs.items()}
    if added is not None:
        inputs['added_cond_kwargs'] = {k: cast(v) for k, v in added.items()}
    return inputs


def time_calls(unet, inputs, calls, warmup, device):
    times = []
    with torch.inference_mode():
        for _ in range(warmup):
            unet(**inputs)
        for _ in range(calls):
            if device.startswith('cuda'):
                start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                start.record()
                unet(**inputs)
                end.record()
                torch.cuda.synchronize()
                times.append(start.elapsed_time(end))
            else:
                started = time.perf_counter()
                unet(**inputs)
                times.append((time.perf_counter() - started) * 1000)
    return times


def count_flops(unet, inputs):
    try:
        from torch.utils.flop_counter import FlopCounterMode
    except ImportError:
        return None
    with torch.inference_mode(), FlopCounterMode(display=False) as counter:
        unet(**inputs)
    return counter.get_total_flops()


def compare_with_onnx(model_path, inputs, output):
    import onnxruntime as ort
    session = ort.InferenceSession(model_path, providers=['CPUExecutionProvider'])
    feeds = {}
    for meta in session.get_inputs():
        source = inputs['added_cond_kwargs'][meta.name] if meta.name in ('text_embeds', 'time_ids') else inputs[meta.name]
        dtype = np.float16 if meta.type == 'tensor(float16)' else np.float32
        feeds[meta.name] = source.detach().float().cpu().numpy().astype(dtype)
    onnx_out = session.run(None, feeds)[0].astype(np.float32)
    torch_out = output.float().cpu().numpy()
    return float(np.abs(onnx_out - torch_out).max()), float(np.abs(torch_out).max())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--family', choices=['sd15', 'sdxl'], default='sd15')
    parser.add_argument('--precision', choices=['fp16', 'fp32'], default='fp16')
    parser.add_argument('--size', type=int, help='image size (default: the config\'s sample_size x 8)')
    parser.add_argument('--frames', type=int, default=4, help='batch is 2 x frames (classifier-free guidance), as bench:gpu')
    parser.add_argument('--calls', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--device', default='cuda')
    parser.add_argument('--tiny', action='store_true', help='the width-scaled fixture (widths / 16)')
    parser.add_argument('--model-dir', help='default: .cache/fixtures-full/<family>[-tiny]-<precision> (run bench:gpu or fixtures --architecture first)')
    parser.add_argument('--random-init', action='store_true', help="diffusers' own random init instead of the fixture's weights")
    parser.add_argument('--compare-onnx', action='store_true', help='also run the ONNX UNet on the CPU (onnxruntime) and print the largest difference')
    args = parser.parse_args()

    from diffusers import UNet2DConditionModel  # here, so --help works without diffusers

    folder = args.model_dir or fixture_dir(args.family, args.precision, args.tiny)
    model_path = os.path.join(folder, 'unet', 'model.onnx')
    with open(os.path.join(folder, 'unet', 'config.json')) as f:
        config = json.load(f)
    dtype = torch.float16 if args.precision == 'fp16' else torch.float32
    unet = UNet2DConditionModel.from_config(config)
    params = sum(p.numel() for p in unet.parameters())
    weights = 'random init (diffusers)'
    if not args.random_init:
        started = time.perf_counter()
        loaded, missing = load_onnx_weights(unet, model_path)
        if missing:
            weights = f'random init for {len(missing)} of {len(loaded) + len(missing)} tensors whose names or shapes did not match (e.g. {missing[:3]})'
        else:
            weights = f'the fixture\'s ONNX weights ({len(loaded)} tensors, {time.perf_counter() - started:.1f} s)'
    unet = unet.to(device=args.device, dtype=dtype).eval()

    size = args.size or config['sample_size'] * 8
    batch = 2 * args.frames
    inputs = unet_inputs(config, batch, size // 8, dtype, args.device)
    times = time_calls(unet, inputs, args.calls, args.warmup, args.device)
    median = statistics.median(times)
    flops = count_flops(unet, inputs)
    tflops = flops / (median / 1000) / 1e12 if flops else None
    device_name = torch.cuda.get_device_name(args.device) if args.device.startswith('cuda') else 'cpu'
    print(f'{args.family}{" tiny" if args.tiny else ""} UNet2DConditionModel, {params:,} parameters, {args.precision}, on {device_name} (torch {torch.__version__})')
    print(f'weights: {weights}')
    print(f'batch {batch} ({args.frames} frames x CFG), {size}x{size}, {CONTEXT_TOKENS} tokens: median {median:.2f} ms per call of {args.calls} (after {args.warmup} warm-up; min {min(times):.2f}, max {max(times):.2f})')
    if flops:
        print(f'{flops / 1e12:.3f} TFLOP per call -> {tflops:.1f} TFLOP/s')
    summary = {'family': args.family, 'tiny': args.tiny, 'precision': args.precision, 'size': size, 'batch': batch, 'device': device_name,
               'torch': torch.__version__, 'parameters': params, 'weights': 'fixture' if weights.startswith('the fixture') else 'random',
               'msPerCall': round(median, 3), 'tflopPerCall': flops / 1e12 if flops else None, 'tflops': round(tflops, 2) if tflops else None}
    if args.compare_onnx:
        with torch.inference_mode():
            output = unet(**inputs).sample
        diff, scale = compare_with_onnx(model_path, inputs, output)
        print(f'ONNX (onnxruntime CPU) against PyTorch, same inputs: max abs difference {diff:.3g} (outputs up to {scale:.3g})')
        summary['onnxMaxAbsDiff'] = diff
    print(json.dumps(summary))


if __name__ == '__main__':
    sys.exit(main())
