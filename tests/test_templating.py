"""The jinja2 koan generator's split rule: the eval (and dev) split is half new shapes (eval_*
templates), half held-out instances of the training templates, and never equals a
training koan up to names; a template that only varies names stays whole in training."""

from share.koans.templating import new_shape, normalised, template_generator

NUMBERED = """//~ mode: lib
pub fn {{ name }}() -> u32 { {{ value }} }
"""
NAMES_ONLY = """//~ mode: lib
pub fn {{ name }}() -> u32 { 7 }
"""
NEW = """//~ mode: lib
pub const {{ name | upper }}: u32 = {{ value }};
"""


def sample(rng):
    return {"name": rng.choice(["alpha", "beta", "gamma", "delta", "omega"]) + f"_{rng.randint(0, 99)}",
            "value": rng.randint(0, 500)}


def generator(tmp_path):
    for name, text in (("train_numbered", NUMBERED), ("train_names_only", NAMES_ONLY), ("eval_const", NEW)):
        (tmp_path / f"{name}.rs.j2").write_text(text)
    return template_generator(tmp_path, sample)


def test_eval_split_mixes_new_and_seen_shapes_without_leaks(tmp_path):
    generate = generator(tmp_path)
    train, evaluation = generate("train", 200, 0), generate("eval", 40, 0)
    assert sum(new_shape(d["template"]) for d in evaluation) == 20
    seen = [d for d in evaluation if not new_shape(d["template"])]
    assert {d["template"] for d in seen} == {"train_numbered"}  # names-only template: no held-out instance exists
    trained = {normalised(d["broken"], literals=False) for d in train}
    assert not [d for d in seen if normalised(d["broken"], literals=False) in trained]
    assert {d["template"] for d in train} == {"train_numbered", "train_names_only"}
    assert generate("eval", 40, 0) == evaluation  # deterministic


def test_the_split_does_not_depend_on_n_or_seed(tmp_path):
    generate = generator(tmp_path)
    held = {normalised(d["broken"], literals=False) for s in (0, 1) for d in generate("eval", 30, s)
            if not new_shape(d["template"])}
    trained = {normalised(d["broken"], literals=False) for s in (0, 1, 2) for d in generate("train", 150, s)}
    assert held and not held & trained


def test_dev_is_drawn_like_eval_but_never_shares_a_koan_with_it(tmp_path):
    generate = generator(tmp_path)
    key = lambda d: (d["broken"], d["reference"])  # noqa: E731
    evaluation = {key(d) for s in (0, 1) for d in generate("eval", 40, s)}
    dev = generate("dev", 40, 0)
    assert sum(new_shape(d["template"]) for d in dev) == 20  # the same halves as eval
    assert not {key(d) for s in (0, 1) for d in generate("dev", 40, s)} & evaluation
    trained = {normalised(d["broken"], literals=False) for d in generate("train", 200, 0)}
    assert not [d for d in dev if not new_shape(d["template"]) and normalised(d["broken"], literals=False) in trained]


def test_template_mistakes_name_the_file(tmp_path):
    import pytest

    from share.koans.templating import TemplateError

    cases = {
        "train_typo.rs.j2": ("pub fn {{ nmae }}() {}\n//~ tests\n#[test]\nfn t() {}\n", "'nmae' is undefined"),
        "train_shown.rs.j2": ("pub fn {{ name }}() {}\n#[test]\nfn t() {}\n", "needs a `//~ tests` line"),
        "train_header.rs.j2": ("//~ mdoe: run\nfn main() {}\n", "unknown header `//~ mdoe:`"),
        "train_mode.rs.j2": ("//~ mode: bench\nfn main() {}\n", "`//~ mode: bench` is not one of test, run, lib"),
        "train_syntax.rs.j2": ("fn {{ name }() {}\n", "TemplateSyntaxError"),
    }
    for file, (text, message) in cases.items():
        folder = tmp_path / file.removesuffix(".rs.j2")
        folder.mkdir()
        (folder / file).write_text(text)
        (folder / "eval_ok.rs.j2").write_text(NEW)
        with pytest.raises(TemplateError, match=file.replace(".", r"\.")) as e:
            template_generator(folder, sample)("train", 1, 0)
        assert message in str(e.value), file
