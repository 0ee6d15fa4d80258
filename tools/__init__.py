"""The tools layer: the 16 tool declarations and their backends (never imports core or Qt)."""

from tinyagent.tools import catalog as _catalog  # noqa: F401  (declares the tools into REGISTRY)
