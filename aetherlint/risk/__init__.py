"""Static risk analysis on the AST: which calls of a workflow evaluate code, reach the network,
run a shell or write to disk (`catalog.py` names them, `scan.py` finds them). The rules
AE2802-AE2805 report what it finds; `aetherlint.reports.risk` scores it.

Only calls count: text inside strings, comments and descriptive fields (`description:`,
`goal:` ...) never does, unless it is passed to a call that performs the action.
"""
