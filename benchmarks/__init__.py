"""Benchmarks for foi-kg: generated letters at any size, our pipeline against the naive one.

``python -m benchmarks.run --letters 1000,10000`` writes ``benchmarks/RESULTS.md``; see
``benchmarks/README.md``. Nothing here is imported by ``kg``.
"""
