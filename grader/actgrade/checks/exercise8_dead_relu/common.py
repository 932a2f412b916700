"""Exercise 8's shared constants and advice texts."""

from __future__ import annotations

ALPHA = 0.01
KILL_MIN_DEAD = 0.4
# Each setting is trained on this many fresh seeds of each data set: a setting must work
# reliably, not on one lucky run. With 3, a kill setting that fails 1 run in 20 (learning rate
# 10) or 19 in 20 (10,000, which mostly diverges) is caught in 200 of 200 seeded checks at
# least 27% / 99.99% of the time; see benchmarks/seed_sweeps.py for the measured rates.
RUNS_PER_DATASET = 3
REVIVE_MIN_ACCURACY, REVIVE_MAX_DEAD = 0.95, 0.1
ACTIVATIONS = ("relu", "leaky_relu")
HIDDEN = 32
