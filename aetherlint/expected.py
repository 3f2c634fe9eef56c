def describe_expected(x): return ', '.join(sorted(x)[:5])
