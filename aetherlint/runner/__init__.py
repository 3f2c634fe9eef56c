"""Running checks over trees: discovery, the parallel engine and its workers, the content cache,
the external interpreter, and the run log."""
