"""Fixtures for end-to-end tests: they drive the real `mlpipe` binary in a private MLPIPE_HOME."""
import pytest

from mlpipe_e2e import BIN, DATA, REPO, TERMINAL, Mlpipe, deep_merge  # noqa: F401  (re-exported to tests)


@pytest.fixture
def mlpipe(tmp_path):
    return Mlpipe(tmp_path / "home")
