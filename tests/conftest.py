"""Shared fixtures: a private evaluator cache per test session, and throwaway plugins."""

import atexit
import os
import shutil
import tempfile

import pytest

os.environ["KOANSHARE_CACHE"] = tempfile.mkdtemp(prefix="koanshare-test-cache-")
atexit.register(shutil.rmtree, os.environ["KOANSHARE_CACHE"], ignore_errors=True)
os.environ.setdefault("DVC_NO_ANALYTICS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # no hub is reachable; never try
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads stall each other on a busy 2-core machine


@pytest.fixture
def register_plugin():
    """Register throwaway plugin objects by name on the process-wide manager; unregister after."""
    from share.koans.plugins import get_plugin_manager

    pm = get_plugin_manager()
    names = []

    def register(plugin, name):
        pm.register(plugin, name=name)
        names.append(name)
        return plugin

    yield register
    for name in names:
        pm.unregister(name=name)
