"""plugins/plugin_utils/action.py: in a task worker (a fork of the process that loaded the action), the task runs with
the inherited objects frozen and automatic garbage collection off, and collection is back on afterwards; in the
process that loaded it (unit tests, anything that calls run() directly) nothing changes."""

import gc

import pytest

from ansible_collections.tikops.routeros.plugins.plugin_utils import action


@pytest.fixture
def restore_gc():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_in_a_worker_collection_is_off_during_the_task_and_back_on_after(monkeypatch, restore_gc):
    monkeypatch.setattr(action, "_LOADED_IN", -1)  # as in a forked worker: another pid
    gc.enable()
    with action.worker_gc():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the worker inherited is set aside
    assert gc.isenabled()


def test_an_error_in_the_task_still_turns_collection_back_on(monkeypatch, restore_gc):
    monkeypatch.setattr(action, "_LOADED_IN", -1)
    gc.enable()
    with pytest.raises(RuntimeError):
        with action.worker_gc():
            raise RuntimeError("module failed")
    assert gc.isenabled()


def test_collection_stays_off_when_it_was_off(monkeypatch, restore_gc):
    monkeypatch.setattr(action, "_LOADED_IN", -1)
    gc.disable()
    with action.worker_gc():
        pass
    assert not gc.isenabled()


def test_outside_a_worker_nothing_changes(restore_gc):
    gc.enable()
    frozen = gc.get_freeze_count()
    with action.worker_gc():
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
