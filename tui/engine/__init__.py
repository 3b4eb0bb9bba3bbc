"""The comparison engine: similarity, alignment, word diff, comparison.

numpy's OpenBLAS starts a thread per core when imported, and they spin after
each call: 50-100 ms of CPU taken from a 0.5 s launch or a 1,000-point export,
on a core the machine may need. The engine does no dense linear algebra big
enough to share out (its products are sparse, or a matrix times a short
vector; a 10,000-point comparison takes the same time with one thread), so
one thread it is, unless the user set OPENBLAS_NUM_THREADS. Said here, before
any engine module imports numpy, so that every caller (the commands, the
app's loading thread, the tests) gets it once.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
