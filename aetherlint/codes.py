"""The table of structured error codes, with their documentation.

Structured codes (0-27) are the stable exit-status vocabulary shared with the Aetherra
interpreter: never renumber them. Rules (`AE` + code + two digits, in `aetherlint.rules`) say
precisely what was found; each belongs to one code family. `aetherlint explain` prints these
entries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    number: int
    name: str
    summary: str
    explanation: str


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
            "Reported when files must be signed (`check --require-signature`, `require-signature = "
            "true`): a file without a `# @signature:` header (AE2201), or one whose signature does not "
            "verify: changed after signing, an unknown or revoked key, a malformed header (AE2202). "
            "`aetherlint sign` signs files, `aetherlint verify` checks them.",
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
            "The file parses but is not valid (rules AE25xx, and AE28xx, AE29xx).",
            "For example a call to a function that is neither built in, defined in the file, imported "
            "nor configured (AE2501), or a built-in called with the wrong number of arguments (AE2502). "
            "AE28xx are about security: a hard-coded credential (AE2801), and the risk findings "
            "(AE2802-AE2805, info, off unless selected); AE29xx about suppressions.",
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


def code_name(number: int) -> str:
    return CODES[number].name
