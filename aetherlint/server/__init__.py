"""`aetherlint server`: the linter in the editor, over the Language Server Protocol (stdio).

An edge of the package, like `commands/`: it needs the optional `server` extra (pygls and
lsprotocol), which nothing else imports. A buffer is checked by the same code as `check`
(`check.check_bytes`, then the run's `reports.policies.Policies` from the document's settings);
the modules here only translate between that and the protocol:

* `protocol.py` the pygls wiring (features, debounce, configuration, commands);
* `documents.py` the open documents and what was last found in each;
* `linting.py` settings per workspace folder, and a buffer through `check`'s pipeline;
* `convert.py` positions (UTF-16 or UTF-32 columns) and diagnostics to LSP types;
* `actions.py` code actions: fixes, migrate transforms, suppression comments (`comments.py`);
* `navigation.py` document symbols, definitions and references from the scopes;
* `hover.py` built-ins and rule ids in suppression comments.
"""
