# SPDX-License-Identifier: Apache-2.0
"""Run transformers 4.52 from a source checkout kept outside this repository on Debian's torch 1.13,
for local trials of `export_qwen25_omni.py --tiny-random-config` and `crosscheck_transformers.py`
where pip is not available. Not needed with `pip install transformers==4.52.3 "torch>=2.1"`.

  python3 tools/transformers_polyfill.py setup /tmp/tfshim
  PYTHONPATH=/tmp/tfshim:$HUB/src:$TRANSFORMERS/src \\
      python3 tools/transformers_polyfill.py run export_qwen25_omni.py --tiny-random-config --out /tmp/x

`setup` writes stand-ins for what Debian lacks: empty `safetensors` / `tokenizers` modules (random
models load no weights and use no fast tokenizer) and version metadata that transformers' import
checks read (torch is declared 2.1.2; the gaps that matter are patched below). $HUB is a
huggingface_hub source checkout (v0.33.x), $TRANSFORMERS one of transformers (e.g. d5fa7d2d);
python3-tqdm, -filelock, -packaging, -yaml and -requests come from Debian.
"""
import math
import os
import runpy
import sys
import types

STUBS = {
    "safetensors/__init__.py": "def safe_open(*a, **k):\n    raise NotImplementedError('safetensors stand-in')\n",
    "safetensors/torch.py": ("def _missing(*a, **k):\n    raise NotImplementedError('safetensors stand-in')\n\n\n"
                             "load_file = save_file = load = _missing\n\n\n"
                             "def storage_ptr(t):\n    return t.data_ptr()\n\n\n"
                             "def storage_size(t):\n    return t.numel() * t.element_size()\n"),
    "tokenizers/__init__.py": ("import sys, types\n\n\nclass _Any:\n    def __init__(self, *a, **k):\n        pass\n\n"
                               "    def __getattr__(self, name):\n        return _Any\n\n\n"
                               "def __getattr__(name):\n    return _Any\n\n\n"
                               "for _sub in ('models', 'decoders', 'normalizers', 'pre_tokenizers', 'processors',"
                               " 'trainers'):\n    _m = types.ModuleType('tokenizers.' + _sub)\n"
                               "    _m.__getattr__ = lambda name: _Any\n    sys.modules['tokenizers.' + _sub] = _m\n"),
}
VERSIONS = {"torch": "2.1.2", "huggingface_hub": "0.33.5", "safetensors": "0.4.3", "tokenizers": "0.21.1"}


def setup(folder):
    for rel, text in STUBS.items():
        os.makedirs(os.path.join(folder, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(folder, rel), "w") as f:
            f.write(text)
    for name, version in VERSIONS.items():
        meta = os.path.join(folder, f"{name}-{version}.dist-info")
        os.makedirs(meta, exist_ok=True)
        with open(os.path.join(meta, "METADATA"), "w") as f:
            f.write(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")


def patch_torch():
    """torch >= 2.1 names that transformers 4.52 touches at import or in these models."""
    import torch
    import torch.nn.functional as F
    import torch.utils._pytree as pytree

    if not hasattr(F, "scaled_dot_product_attention"):
        def sdpa(q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False):
            scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
            if enable_gqa and k.shape[-3] != q.shape[-3]:
                k = k.repeat_interleave(q.shape[-3] // k.shape[-3], dim=-3)
                v = v.repeat_interleave(q.shape[-3] // v.shape[-3], dim=-3)
            s = torch.matmul(q, k.transpose(-1, -2)) * scale
            if is_causal:
                n, m = s.shape[-2], s.shape[-1]
                s = s.masked_fill(torch.ones(n, m, dtype=torch.bool).triu(m - n + 1), float("-inf"))
            if attn_mask is not None:
                s = s.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else s + attn_mask
            return torch.matmul(torch.softmax(s, dim=-1), v)
        F.scaled_dot_product_attention = sdpa
    if not hasattr(pytree, "register_pytree_node"):
        pytree.register_pytree_node = lambda cls, flat, unflat, **kw: pytree._register_pytree_node(cls, flat, unflat)
    try:
        import torch.distributed.tensor  # noqa: F401
    except ImportError:
        dt = types.ModuleType("torch.distributed.tensor")
        dt.DTensor = type("DTensor", (torch.Tensor,), {})
        dt.Placement = dt.Replicate = dt.Shard = object
        sys.modules["torch.distributed.tensor"] = dt
    if not hasattr(torch, "compiler"):
        compiler = types.ModuleType("torch.compiler")
        compiler.disable = lambda fn=None, recursive=True: fn if fn is not None else (lambda f: f)
        compiler.is_compiling = compiler.is_exporting = lambda: False
        sys.modules["torch.compiler"] = torch.compiler = compiler
    # dtypes named only in transformers' dtype tables
    for name, alias in (("float8_e4m3fn", torch.uint8), ("float8_e5m2", torch.int8), ("uint16", torch.int16),
                        ("uint32", torch.int32), ("uint64", torch.int64)):
        if not hasattr(torch, name):
            setattr(torch, name, alias)


def patch_transformers():
    import torch
    from transformers.integrations import fsdp
    import transformers.generation.utils as generation
    from transformers.models.qwen2_5_omni import modeling_qwen2_5_omni as omni

    # torch 1.13's FSDP package does not import under Python 3.11; nothing here uses FSDP
    fsdp.is_fsdp_managed_module = generation.is_fsdp_managed_module = lambda module: False
    # d5fa7d2d's _init_weights fills LayerNorm weights even when elementwise_affine=False (the DiT's)
    original = omni.Qwen2_5OmniPreTrainedModel._init_weights

    def init_weights(self, module):
        if not (isinstance(module, torch.nn.LayerNorm) and module.weight is None):
            original(self, module)
    omni.Qwen2_5OmniPreTrainedModel._init_weights = init_weights


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "setup":
        setup(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "run":
        patch_torch()
        patch_transformers()
        script = sys.argv[2]
        sys.argv = sys.argv[2:]
        sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
        runpy.run_path(script, run_name="__main__")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
