"""Hypothesis profiles: "ci" (a few hundred examples in all, for `make test`) and "fuzz"
(thousands), chosen by NETBUILDER_FUZZ_PROFILE. `make fuzz` runs scripts/fuzz.py,
which drives the same checks by seed and prints the counts the README quotes."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "database": None, "derandomize": True,
           "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=300, **_COMMON)
settings.register_profile("fuzz", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("NETBUILDER_FUZZ_PROFILE", "ci"))
