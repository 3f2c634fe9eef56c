"""What runs produce and compare: classification documents, history, fingerprints,
suppressions, the parse baseline and the regression gate."""
