"""The one table of structured error codes and rules, with their documentation.

Structured codes (0-27) are the stable exit-status vocabulary shared with the Aetherra
interpreter: never renumber them. Rules (`AE` + code + two digits) say precisely what was found;
each belongs to one code family. `aetherlint explain` prints these entries; nothing else holds
documentation for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    number: int
    name: str
    summary: str
    explanation: str


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    code: int
    summary: str
    explanation: str  # what it finds, why it matters, an example and the fix


CODES: dict[int, Code] = {
    c.number: c
    for c in (
        Code(0, "SUCCESS", "The file was read, parsed and validated without findings.", "Nothing to fix."),
        Code(
            1,
            "GENERIC_FAILURE",
            "A failure that fits no other code.",
            "Reported by external interpreters for errors they cannot classify. aetherlint itself never "
            "reports it for a file; its exit status 1 means 'at least one file failed'.",
        ),
        Code(
            20,
            "PARSE_ERROR",
            "The file is not well-formed .aether.",
            "The grammar could not read the file: an unexpected token, an unbalanced bracket, an "
            "unterminated string, or indentation that matches no enclosing block. The rules AE20xx say "
            "which. Fix the text at the reported line and column.",
        ),
        Code(
            21,
            "RUNTIME_ERROR",
            "The interpreter failed while running the workflow.",
            "Only reported by `classify --run-cmd`, from the external interpreter's status. The file "
            "parses and validates; the failure happened when it ran.",
        ),
        Code(
            22,
            "SIGNATURE_ERROR",
            "A signature check failed.",
            "Reserved for workflow signing; aetherlint does not report it yet.",
        ),
        Code(
            23,
            "TIMEOUT_ERROR",
            "Checking or running the file took longer than the allowed time.",
            "Reported by `classify` when a file exceeds `--timeout` seconds. Very large or pathological "
            "files can cause it; split the file or raise the timeout.",
        ),
        Code(
            24,
            "UNSUPPORTED_FEATURE",
            "The file uses something that is not Aether.",
            "For example a bash-like script saved with the .aether extension (rule AE2401). Move it to a "
            ".sh file or rewrite it in Aether.",
        ),
        Code(
            25,
            "VALIDATION_ERROR",
            "The file parses but is not valid (rules AE25xx).",
            "For example a call to a function that is neither built in, defined in the file, imported "
            "nor configured (AE2501), or a built-in called with the wrong number of arguments (AE2502).",
        ),
        Code(
            26,
            "IO_ERROR",
            "The file could not be read as UTF-8 text.",
            "Missing or unreadable files, special files (FIFOs, devices), files over `max-file-size`, "
            "folders that cannot be listed, files containing NUL bytes (binary data) and bytes that "
            "are not valid UTF-8 (rules AE26xx). A UTF-8 BOM and CRLF line endings are accepted.",
        ),
        Code(
            27,
            "INTERNAL_ERROR",
            "aetherlint itself failed on this file.",
            "A bug in aetherlint, not in your file. Only this file is affected; run with --verbose to "
            "see the traceback and report it.",
        ),
    )
}

CODE_BY_NAME = {c.name: c for c in CODES.values()}

_RULE_LIST = (
    Rule(
        "AE2001",
        "parse-error",
        20,
        "A token appears where the grammar does not allow it.",
        "What it finds: the first token that cannot continue a well-formed file.\n"
        "Example:\n    let total = )\n"
        "Fix: complete or remove the construct at the reported position:\n    let total = 0",
    ),
    Rule(
        "AE2002",
        "unexpected-character",
        20,
        "A character that no .aether token uses.",
        "What it finds: characters such as `@`, `^` or a backtick outside strings and comments.\n"
        "Example:\n    @@@ tidy ^^^\n"
        "Fix: remove the character, or put the text inside a string or a comment.",
    ),
    Rule(
        "AE2003",
        "unterminated-string",
        20,
        "A string literal (or a `key: |` block scalar) is never closed.",
        "What it finds: a quote with no closing quote on the same line (triple-quoted strings may "
        "span lines), or a `|` block scalar without its closing `|` line.\n"
        'Example:\n    log "bench tidy\n'
        'Fix:\n    log "bench tidy"',
    ),
    Rule(
        "AE2004",
        "unbalanced-bracket",
        20,
        "A bracket is never closed, or closes something it does not match.",
        "What it finds: an opening `(`, `[` or `{` that is never closed, or a closing bracket with "
        "no opener or of the wrong kind. Indentation tells where the missing closer goes, the way "
        "rustc does it: the first line inside the bracket that is back at the opener's indentation "
        "(or shallower), a closer that starts a line shallower than its opener's line, or the end "
        "of the file when the block runs to it. The error is reported there, with the opener as a "
        "related location (the `note:` line). A closer followed by lines still indented as the "
        "block it closed is reported as the stray one. Without such evidence: at the innermost "
        "unclosed opener, or at the closer that does not match.\n"
        "Example:\n    plugin widget {\n        fn spin() {\n            log \"spin\"\n\n"
        "        fn stop() {\n            log \"stop\"\n        }\n    }\n"
        "reports `'{' opened at line 2 is never closed: insert '}' before line 5`.\n"
        "Fix: add the missing `}` where the message says (here, to close `fn spin() {`)."
    ),
    Rule(
        "AE2005",
        "nesting-too-deep",
        20,
        "Brackets or blocks are nested more deeply than aetherlint analyses.",
        "What it finds: more than 100 levels of brackets and indented blocks together. Real "
        "workflows use at most about 8.\n"
        "Fix: flatten the structure, for example by moving inner blocks into functions.",
    ),
    Rule(
        "AE2006",
        "bad-dedent",
        20,
        "A line is dedented to a column that matches no enclosing block.",
        "What it finds: in indentation-based files, a line whose indentation is less than the "
        "current block's but different from every enclosing block's.\n"
        "Example:\n    when bins_full:\n        if heavy:\n            flag()\n      tidy()\n"
        "Fix: indent the line to the column of the block it belongs to (4 or 8 spaces here).",
    ),
    Rule(
        "AE2101",
        "runtime-error",
        21,
        "The external interpreter reported a failure while running the workflow.",
        "What it finds: with `classify --run-cmd`, an interpreter status (its `--json-status` "
        "line or `AETHER_ERROR_CODE:` on stderr) with code 21, or another non-zero code, which "
        "keeps its own structured code. The message is the interpreter's.\n"
        "Fix: run the workflow with the interpreter and fix what it reports.",
    ),
    Rule(
        "AE2301",
        "timeout",
        23,
        "Checking or running the file took longer than `--timeout` seconds.",
        "What it finds: a file whose parse and validation (or whose `--run-cmd` run) did not "
        "finish in time; the worker is stopped and the run goes on.\n"
        "Fix: look for an unusually large or generated file; split it, or raise `--timeout`.",
    ),
    Rule(
        "AE2401",
        "shell-script",
        24,
        "The file is a bash-like shell script, not Aether.",
        "What it finds: top-level `NAME=\"value\"` assignments or `NAME() {` function definitions "
        "(the env-shell dialect). Such files are internally consistent shell, but no Aether "
        "interpreter runs them.\n"
        'Example:\n    SHOP_MODE="quiet"\n    SWEEP() {\n        echo "sweeping"\n    }\n'
        "Fix: rename the file to .sh, or rewrite it in Aether (`shop_mode = \"quiet\"`, "
        "`fn sweep() { log \"sweeping\" }`).",
    ),
    Rule(
        "AE2501",
        "unknown-function",
        25,
        "A bare-name call to a function that is not known.",
        "What it finds: `f(x)` where `f` is not a built-in, not a function defined at module or "
        "plugin level (`fn`, `function`, `define`, `export`, `when f(...)`, `on_run { }`: hoisted, "
        "visible in the whole file), not bound in the scope of the call or an enclosing one "
        "(parameters, `let`, assignments, `for` targets, `except E as e`, `f() -> name`, "
        "`import ... as name`; a parameter of one function does not count in another), and not "
        "listed in `extend-builtins` under `[tool.aetherlint]` in pyproject.toml. Calls in "
        "arguments, conditions, dict values and `{f(x)}` interpolations of strings that "
        "interpolate (f-strings; plain double-quoted strings outside YAML-like values) are "
        "checked too. Method calls `a.b()` are not judged; language statements that look like "
        "calls (`remember(...)`, `recall(...)`, `print(...)`, `plugin(...)`, `goal(...) { }`), "
        "keywords (`typeof(x)`, `await (x)`, `super(x)`, `for (k, v) in`) and `word (text)` "
        "with a space in free text are not calls.\n"
        "Example:\n    crates = count_crates(shelf)\n"
        "Fix: define the function, call it through its module (`tools.count_crates(shelf)` after "
        '`import "tools" as tools`), or declare it:\n'
        '    [tool.aetherlint]\n    extend-builtins = ["count_crates"]',
    ),
    Rule(
        "AE2502",
        "builtin-arity",
        25,
        "A built-in function is called with the wrong number of arguments.",
        "What it finds: calls to the interpreter's built-ins with too few or too many arguments. "
        "Arities: reflect(), summarize(target?), load_logs(), store(data, tag?), "
        "detect_anomalies(), escalate_to(agent), run_plugin(name), evaluate_confidence(target), "
        "self_heal(), narrate(), load_feature_index(), available_plugins(), "
        "check_confidence(plugin).\n"
        "Example:\n    escalate_to()\n"
        'Fix:\n    escalate_to("night_shift")',
    ),
    Rule(
        "AE2504",
        "reserved-keyword",
        25,
        "A reserved word names a function, parameter or variable.",
        "What it finds: `fn end()`, `fn f(if)`, `let if = 3`, `while = 2`: a word the language "
        "uses for its own statements (if else elif for while return end function define let try "
        "catch finally except throw lambda and or not in is) used as a name. The interpreter "
        "cannot call or read such a name. Keywords that real workflows also use as identifiers "
        "(`fn` as a parameter, `match`, `call`, `new`, `import`, `default`, `case`) are not "
        "reported.\n"
        "Example:\n    let if = 3\n"
        "Fix: rename it:\n    let threshold = 3",
    ),
    Rule(
        "AE2506",
        "duplicate-definition",
        25,
        "A function is defined twice in one scope.",
        "What it finds: a second `fn`, `function`, `define` or `export` definition of a name "
        "already defined in the same scope (the module, a plugin or a function). The second one "
        "is reported, with the first as a related location: only one of them can run. Event "
        "handlers (`when x:`, `on_run { }`) may be given more than once and are not reported.\n"
        "Example:\n    fn pour() { log 1 }\n    fn pour() { log 2 }\n"
        "Fix: remove one definition or rename it.",
    ),
    Rule(
        "AE2601",
        "unreadable-file",
        26,
        "The file does not exist or cannot be read.",
        "What it finds: a missing path, a permission error, or a directory where a file was "
        "expected.\nFix: check the path and the file's permissions.",
    ),
    Rule(
        "AE2602",
        "nul-byte",
        26,
        "The file contains a NUL byte, so it is binary data, not a workflow.",
        "What it finds: the first byte 0x00, with its line, column and byte offset.\n"
        "Fix: restore the file from version control, or remove it if it is not a workflow.",
    ),
    Rule(
        "AE2603",
        "invalid-utf8",
        26,
        "The file is not valid UTF-8.",
        "What it finds: the first byte that is not valid UTF-8 (for example a Latin-1 `é` saved "
        "as 0xE9), with its byte offset.\n"
        "Fix: re-save the file as UTF-8 (`iconv -f latin1 -t utf-8`).",
    ),
    Rule(
        "AE2604",
        "not-a-regular-file",
        26,
        "The path is a FIFO, socket, device or other special file, not a regular file.",
        "What it finds: a path named like a workflow (passed explicitly or found in a tree) that "
        "is not a regular file. aetherlint never opens it: reading a FIFO would wait forever for "
        "a writer, and a device such as /dev/zero never ends.\n"
        "Fix: remove or rename it, or exclude it with `exclude` under `[tool.aetherlint]`.",
    ),
    Rule(
        "AE2605",
        "file-too-large",
        26,
        "The file is larger than `max-file-size` (default 5 MB).",
        "What it finds: a file whose size exceeds the limit; it is not read whole (the size is "
        "taken from the file system first), so a huge or generated file cannot exhaust memory "
        "or time.\n"
        "Fix: split the file, exclude it, or raise the limit with `--max-file-size 20MB` or\n"
        '    [tool.aetherlint]\n    max-file-size = "20MB"',
    ),
    Rule(
        "AE2606",
        "unreadable-directory",
        26,
        "A directory under the checked tree cannot be listed, so its files were not checked.",
        "What it finds: a folder that discovery could not read (permission denied, a path too "
        "long for the operating system, ...). It is reported as a failure of its own, under the "
        "folder's path with a trailing `/`, instead of silently dropping its workflows.\n"
        "Fix: give the user running aetherlint read and search permission on the folder "
        "(`chmod u+rx`), or exclude it with `exclude` under `[tool.aetherlint]`.",
    ),
    Rule(
        "AE0101",
        "generic-failure",
        1,
        "The external interpreter failed without a more precise code.",
        "What it finds: with `classify --run-cmd`, an interpreter that exited non-zero without a "
        "status line, or reported code 1.\n"
        "Fix: run the workflow with the interpreter and read its output.",
    ),
    Rule(
        "AE2701",
        "internal-error",
        27,
        "aetherlint crashed on this file.",
        "What it finds: an exception inside aetherlint while checking this file (a bug in "
        "aetherlint, not in the file). Only this file is affected; the run goes on.\n"
        "Fix: run `aetherlint check --verbose FILE` for the traceback and report it with the file.",
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULE_LIST}
RULE_BY_NAME = {r.name: r for r in _RULE_LIST}


def code_name(number: int) -> str:
    return CODES[number].name


def lookup(key: str) -> Code | Rule | None:
    """Find a code or rule by number (`20`), name (`PARSE_ERROR`), rule id or rule name."""
    key = key.strip()
    if key.isdigit():
        return CODES.get(int(key))
    upper = key.upper()
    return RULES.get(upper) or CODE_BY_NAME.get(upper) or RULE_BY_NAME.get(key.lower())


def explain_text(entry: Code | Rule) -> str:
    if isinstance(entry, Code):
        rules = [r for r in _RULE_LIST if r.code == entry.number]
        lines = [f"{entry.number} {entry.name}: {entry.summary}", "", entry.explanation]
        if rules:
            lines += ["", "Rules:"] + [f"  {r.id} {r.name}: {r.summary}" for r in rules]
        return "\n".join(lines)
    code = CODES[entry.code]
    return "\n".join(
        [f"{entry.id} {entry.name} ({code.number} {code.name}): {entry.summary}", "", entry.explanation]
    )
