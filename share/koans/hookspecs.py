"""The whole plugin surface: three register-callback hooks (the host owns validation,
naming and ordering). See README "Writing a task-family plugin"."""

import pluggy

hookspec = pluggy.HookspecMarker("koanshare")
hookimpl = pluggy.HookimplMarker("koanshare")


@hookspec
def register_families(register):
    """Call register(name, description) once per task family the plugin provides."""


@hookspec
def register_tasks(register):
    """Call register(name, family, description, edition, generator) once per task.

    generator(split, n, seed) returns n koan drafts: dicts with `mode`, `broken`,
    `reference`, `tests` and optionally `expected_error`, `edition`, `template`.
    The host adds id, family, task, description and rustc's real diagnostic, and
    verifies every draft before it is written.
    """


@hookspec
def register_checks(register):
    """Call register(task, check) to add an evaluation check for one of your tasks.

    check(job) runs in the host after a program passed (job.code, job.tests, job.mode,
    job.edition, job.task) and returns None, or a message saying why the answer still
    fails (its status becomes test_failure). Run any tool on job.code in share.judge.sandbox.
    """
