"""The plugin system: throwaway plugins through the same hooks as the built-in families."""

import pytest

from share.koans.generate import drafts_of, generate_tasks, resolve_tasks
from share.koans.hookspecs import hookimpl
from share.koans.plugins import PluginError, load_registry

GOOD = {
    "mode": "test",
    "broken": "pub fn one() -> i32 { 2 }\n",
    "reference": "pub fn one() -> i32 { 1 }\n",
    "tests": "#[cfg(test)]\nmod tests {\n    #[test]\n    fn one() { assert_eq!(super::one(), 1); }\n}\n",
}


def plugin(family="toy", tasks=(("toy_one", lambda split, n, seed: [dict(GOOD)] * n),), checks=()):
    """A plugin module object registering one family, the given tasks and checks."""

    class Plugin:
        @hookimpl
        def register_families(self, register):
            register(family, "a throwaway family")

        @hookimpl
        def register_tasks(self, register):
            for name, generator in tasks:
                register(name, family, f"the {name} task", "2021", generator)

        @hookimpl
        def register_checks(self, register):
            for name, check in checks:
                register(name, check)

    return Plugin()


def test_builtin_families_load_through_entry_points():
    registry = load_registry()
    assert registry.families["borrow_checker"][1] == "borrow_checker"
    assert registry.task("bc_move").plugin == "borrow_checker"


def test_throwaway_plugin_registers_and_generates(register_plugin):
    register_plugin(plugin(), "toy-plugin")
    registry = load_registry()
    task = registry.task("toy_one")
    assert (task.family, task.plugin) == ("toy", "toy-plugin")
    assert [t.name for t in resolve_tasks(registry, ["toy"])] == ["toy_one"]
    [(koans, stats)] = generate_tasks([task], "train", 1, 0, progress=False)
    assert stats.verified == 1
    assert koans[0].diagnostic.startswith("\nrunning 1 test") or "assertion" in koans[0].diagnostic
    assert koans[0].family == "toy" and koans[0].expected_error is None


def test_unregistered_plugin_is_gone(register_plugin):
    from share.koans.plugins import get_plugin_manager

    register_plugin(plugin(), "toy-plugin")
    get_plugin_manager().unregister(name="toy-plugin")
    with pytest.raises(PluginError, match="unknown task 'toy_one'"):
        load_registry().task("toy_one")
    get_plugin_manager().register(plugin(), name="toy-plugin")  # the fixture unregisters it again


def test_duplicate_task_name_names_both_plugins(register_plugin):
    register_plugin(plugin(family="toy_a", tasks=(("bc_move", lambda *a: []),)), "dup-plugin")
    with pytest.raises(PluginError, match=r"plugin 'dup-plugin', task 'bc_move': duplicate task name \(already registered by plugin 'borrow_checker'\)"):
        load_registry()


def test_plugin_raising_in_registration_is_named(register_plugin):
    class Broken:
        @hookimpl
        def register_tasks(self, register):
            raise KeyError("oops")

    register_plugin(Broken(), "raising-plugin")
    with pytest.raises(PluginError, match="plugin 'raising-plugin' raised in register_tasks: KeyError"):
        load_registry()


def test_task_of_unknown_family_is_refused(register_plugin):
    class Orphan:
        @hookimpl
        def register_tasks(self, register):
            register("orphan_task", "nope", "x", "2021", lambda *a: [])

    register_plugin(Orphan(), "orphan-plugin")
    with pytest.raises(PluginError, match="family 'nope' is not registered"):
        load_registry()


@pytest.mark.parametrize(
    "drafts, message",
    [
        ([{"broken": "x"}], "reference: missing or empty"),
        ([dict(GOOD, mode="bench")], "mode: 'bench'"),
        ([dict(GOOD, colour="red")], "unknown field 'colour'"),
        ([dict(GOOD, tests="")], "a test-mode koan needs at least one `#[test] fn`"),
        (["not a dict"], "expected a dict"),
        ([], "returned 0"),
    ],
)
def test_malformed_drafts_name_plugin_and_task(register_plugin, drafts, message):
    register_plugin(plugin(tasks=(("toy_bad", lambda split, n, seed: drafts),)), "bad-plugin")
    task = load_registry().task("toy_bad")
    with pytest.raises(PluginError, match="plugin 'bad-plugin', task 'toy_bad'") as e:
        drafts_of(task, "train", 1, 0)
    assert message in str(e.value)


def test_unverifiable_koans_are_refused(register_plugin):
    wrong = dict(GOOD, reference=GOOD["broken"])  # the "fix" still fails its test
    register_plugin(plugin(tasks=(("toy_wrong", lambda split, n, seed: [wrong] * n),)), "wrong-plugin")
    with pytest.raises(PluginError, match="1 of 1 train koans failed verification, nothing written"):
        generate_tasks([load_registry().task("toy_wrong")], "train", 1, 0, progress=False)


def test_check_hook_fails_a_passing_program(register_plugin):
    calls = []

    def no_twos(job):
        calls.append(job.task)
        return "the code still returns 2" if "{ 2 }" in job.code else None

    lenient = dict(GOOD, mode="lib", tests="")  # in lib mode the broken code passes rustc; only the check rejects it
    register_plugin(plugin(tasks=(("toy_checked", lambda s, n, seed: [lenient] * n),), checks=(("toy_checked", no_twos),)), "check-plugin")
    [(koans, _)] = generate_tasks([load_registry().task("toy_checked")], "train", 1, 0, progress=False)
    assert calls == ["toy_checked", "toy_checked"]
    assert "check failed: the code still returns 2" in koans[0].diagnostic


def test_env_var_restricts_plugins(monkeypatch):
    from share.koans.plugins import plugin_manager

    monkeypatch.setenv("KOANSHARE_PLUGINS", "borrow_checker")
    registry = load_registry(plugin_manager())
    assert set(registry.families) == {"borrow_checker"}


def test_a_run_mode_koan_whose_reference_prints_nothing_is_refused(register_plugin):
    silent = {"mode": "run", "broken": "fn main() {\n    assert_eq!(1, 2);\n}\n", "reference": "fn main() {\n    assert_eq!(1, 1);\n}\n"}
    register_plugin(plugin(tasks=(("toy_silent", lambda split, n, seed: [silent] * n),)), "silent-plugin")
    with pytest.raises(PluginError, match="prints nothing, so a run could prove only its exit status"):
        generate_tasks([load_registry().task("toy_silent")], "train", 1, 0, progress=False)


def test_hook_without_hookimpl_is_refused_with_the_way_out(register_plugin):
    class Unmarked:
        @hookimpl
        def register_families(self, register):
            register("toy_unmarked", "tasks never registered")

        def register_tasks(self, register):  # @hookimpl forgotten: pluggy would skip it silently
            register("toy_never", "toy_unmarked", "x", "2021", lambda *a: [])

    register_plugin(Unmarked(), "unmarked-plugin")
    with pytest.raises(PluginError, match="plugin 'unmarked-plugin': register_tasks is not decorated with @hookimpl") as e:
        load_registry()
    assert "KOANSHARE_PLUGINS=" in str(e.value) and "borrow_checker" in str(e.value)


def test_registration_errors_say_how_to_run_without_the_plugin(register_plugin):
    register_plugin(plugin(family="toy_a", tasks=(("bc_move", lambda *a: []),)), "dup-plugin")
    with pytest.raises(PluginError, match="to run without it, set KOANSHARE_PLUGINS=") as e:
        load_registry()
    assert "dup-plugin" not in str(e.value).split("KOANSHARE_PLUGINS=")[1]


def test_a_family_without_tasks_is_reported(register_plugin, caplog):
    class Empty:
        @hookimpl
        def register_families(self, register):
            register("toy_empty", "a family whose tasks were forgotten")

    register_plugin(Empty(), "empty-plugin")
    load_registry()
    assert "plugin 'empty-plugin': family 'toy_empty' has no tasks" in caplog.text
