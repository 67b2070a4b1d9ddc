"""The incremental engine: what the last build made and from what, so that a build does only the
work its changes need. The only package that knows the cache formats."""

from generator.incremental.last_build import LastBuild

__all__ = ["LastBuild"]
