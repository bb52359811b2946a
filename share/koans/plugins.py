"""The plugin manager: built-in and third-party families load the same way, through the
`koanshare.families` entry points, and register into one validated registry."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from typing import Callable

import pluggy

from share.koans import hookspecs

ENTRY_POINT_GROUP = "koanshare.families"
ONLY_ENV = "KOANSHARE_PLUGINS"  # comma-separated plugin names: load only these
TASK_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
log = logging.getLogger(__name__)


class PluginError(RuntimeError):
    """A plugin misbehaved; the message names the plugin (and task)."""


def without(plugin: str) -> str:
    """How to run without one plugin: the hint every registration error ends with."""
    from importlib.metadata import entry_points

    others = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name != plugin)
    return f"to run without it, set {ONLY_ENV}={','.join(others)} (the plugins to load)"


@dataclass
class Task:
    name: str
    family: str
    description: str
    edition: str
    generator: Callable
    plugin: str
    checks: list = field(default_factory=list)


@dataclass
class Registry:
    families: dict = field(default_factory=dict)  # name -> (description, plugin)
    tasks: dict = field(default_factory=dict)  # name -> Task, in registration order

    def task(self, name: str) -> Task:
        if name not in self.tasks:
            raise PluginError(f"unknown task {name!r}; `koanshare families` lists the registered ones")
        return self.tasks[name]

    def family_tasks(self, family: str) -> list[Task]:
        return [t for t in self.tasks.values() if t.family == family]


def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("koanshare")
    pm.add_hookspecs(hookspecs)
    only = {p.strip() for p in os.environ.get(ONLY_ENV, "").split(",") if p.strip()}
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if only and ep.name not in only:
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            module = ep.load()
        except Exception as e:
            raise PluginError(f"plugin {ep.name!r} ({ep.value}) failed to import: {e!r}; {without(ep.name)}") from e
        pm.register(module, name=ep.name)
    return pm


_pm: pluggy.PluginManager | None = None


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide manager; tests register throwaway plugins on it and unregister them."""
    global _pm
    if _pm is None:
        _pm = plugin_manager()
    return _pm


def load_registry(pm: pluggy.PluginManager | None = None) -> Registry:
    """Ask every plugin to register; validate names, duplicates and references. An error
    names the plugin and says how to run without it; a family left without tasks is
    logged as a warning."""
    pm = pm or get_plugin_manager()
    pm.check_pending()  # a misspelled hook name is an error, not a silent no-op
    for name, plugin in pm.list_name_plugin():
        _check_marked(name, plugin)
    registry = Registry()
    for hook, registrar in (
        (pm.hook.register_families, _family_registrar),
        (pm.hook.register_tasks, _task_registrar),
        (pm.hook.register_checks, _check_registrar),
    ):
        for impl in hook.get_hookimpls():
            try:
                impl.function(register=registrar(registry, impl.plugin_name))
            except PluginError as e:
                raise PluginError(f"{e}; {without(impl.plugin_name)}") from e
            except Exception as e:
                raise PluginError(f"plugin {impl.plugin_name!r} raised in {hook.name}: {e!r}; "
                                  f"{without(impl.plugin_name)}") from e
    for family, (_, plugin) in registry.families.items():
        if not registry.family_tasks(family):
            log.warning("plugin %r: family %r has no tasks (is its register_tasks decorated with @hookimpl?)",
                        plugin, family)
    return registry


def _check_marked(name: str, plugin) -> None:
    """A hook function without @hookimpl is silently skipped by pluggy: refuse it instead."""
    for hook in ("register_families", "register_tasks", "register_checks"):
        function = getattr(plugin, hook, None)
        if callable(function) and not hasattr(function, "koanshare_impl"):
            raise PluginError(f"plugin {name!r}: {hook} is not decorated with @hookimpl (from "
                              f"share.koans.hookspecs import hookimpl), so it would never be called; {without(name)}")


def _family_registrar(registry: Registry, plugin: str):
    def register(name: str, description: str) -> None:
        if not TASK_NAME.match(str(name)):
            raise PluginError(f"plugin {plugin!r}: family name {name!r} must match {TASK_NAME.pattern}")
        if name in registry.families:
            raise PluginError(f"plugin {plugin!r}: family {name!r} is already registered by {registry.families[name][1]!r}")
        registry.families[name] = (description, plugin)

    return register


def _task_registrar(registry: Registry, plugin: str):
    def register(name: str, family: str, description: str, edition: str, generator: Callable) -> None:
        where = f"plugin {plugin!r}, task {name!r}"
        if not TASK_NAME.match(str(name)):
            raise PluginError(f"{where}: the name must match {TASK_NAME.pattern}")
        if name in registry.tasks:
            raise PluginError(f"{where}: duplicate task name (already registered by plugin {registry.tasks[name].plugin!r})")
        if family not in registry.families:
            raise PluginError(f"{where}: family {family!r} is not registered; call register_families first")
        if edition not in ("2021", "2024"):
            raise PluginError(f"{where}: edition {edition!r} must be '2021' or '2024'")
        if not callable(generator):
            raise PluginError(f"{where}: generator is not callable")
        if not str(description).strip():
            raise PluginError(f"{where}: the description is empty")
        registry.tasks[name] = Task(name, family, description, edition, generator, plugin)

    return register


def _check_registrar(registry: Registry, plugin: str):
    def register(task: str, check: Callable) -> None:
        if task not in registry.tasks:
            raise PluginError(f"plugin {plugin!r}: check for unknown task {task!r}")
        if not callable(check):
            raise PluginError(f"plugin {plugin!r}, task {task!r}: check is not callable")
        registry.tasks[task].checks.append(check)

    return register
