"""Which calls perform which risky action, by the name called. Pure data and lookups.

A call is judged by its callee as written: a bare name (`eval(x)`, `fetch(url)`), a member of a
module-like receiver (`http.get(url)`, `os.system(cmd)`, `fs.writeFile(p, d)`: the last name
before the method), a `call system/shell.run(x)` path (its last two names), `new F(...)`, or an
intent-style command whose verb is one of the bare names and whose argument is a string
(`shell "ls"`). A name the file defines itself is not judged: `fn fetch(x) { ... }` makes
`fetch(x)` the file's own function.
"""

from __future__ import annotations

import re
from typing import Optional

DYNAMIC_EVAL, NETWORK, SHELL, FILE_WRITE = "dynamic-eval", "network-call", "shell-exec", "file-write"

BARE: dict[str, str] = {
    **dict.fromkeys(("eval", "exec", "execfile", "Function", "__import__", "import_module", "run_code",
                     "exec_code", "eval_code"), DYNAMIC_EVAL),
    **dict.fromkeys(("fetch", "urlopen", "http_get", "http_post", "http_request", "curl", "wget", "download",
                     "download_file", "XMLHttpRequest", "WebSocket", "websocket_connect", "send_request"), NETWORK),
    **dict.fromkeys(("system", "shell", "sh", "bash", "popen", "spawn", "spawnSync", "execSync", "exec_command",
                     "run_shell", "shell_exec", "subprocess"), SHELL),
    **dict.fromkeys(("write_file", "writeFile", "writeFileSync", "append_file", "appendFile", "appendFileSync",
                     "save_file", "save_to_file", "delete_file", "remove_file", "rmtree", "unlink"), FILE_WRITE),
}

# Receivers every method of which is the action (`requests.post`, `subprocess.run`).
_NETWORK_MODULES = frozenset({"http", "https", "requests", "httpx", "aiohttp", "axios", "urllib", "urllib3",
                              "request", "net", "network", "socket", "websocket", "ws", "web", "curl", "ftp",
                              "ftplib", "smtp", "smtplib"})
_SHELL_MODULES = frozenset({"subprocess", "child_process", "shell", "sh", "terminal", "pexpect"})
# Receivers of which only some methods are the action.
_OS_SHELL = re.compile(r"system|popen|startfile|(exec|spawn)\w*")
_FILE_MODULES = frozenset({"fs", "fsPromises", "file", "files", "filesystem", "disk", "shutil", "os", "pathlib"})
_FILE_METHODS = re.compile(r"(?i)\w*(write|append|save|remove|unlink|delete|rename|rmdir|mkdir|makedirs|rmtree|copy"
                           r"|move|truncate|chmod|chown)\w*")
_DYNAMIC_RECEIVERS = {
    "builtins": frozenset({"eval", "exec", "compile", "__import__"}),
    "importlib": frozenset({"import_module", "__import__", "reload"}),
    "vm": None,  # node's vm: every method runs code
    "window": frozenset({"eval", "Function", "execScript"}),
    "globalThis": frozenset({"eval", "Function"}),
    "global": frozenset({"eval", "Function"}),
}
# Methods that write whatever they are called on.
_ANY_RECEIVER_FILE = frozenset({"write_text", "write_bytes", "writelines", "writeFile", "writeFileSync", "appendFile",
                                "appendFileSync", "write_file", "save_file", "save_to_file"})
_OPENERS = frozenset({"open", "openSync", "fopen"})
# A mode that writes: `open(p, "w")`, `"a"`, `"x"`, `"r+"`, `"wb"`.
_WRITE_MODE = re.compile(r"[wax+]")
# `get("https://…")`: generic verbs that are a network call when given a URL.
_URL_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "request", "send", "options"})
URL_RE = re.compile(r"^(https?|wss?|ftp)://", re.IGNORECASE)


def bare(name: str) -> Optional[str]:
    return BARE.get(name)


def member(receiver: str, method: str) -> Optional[str]:
    """The action of `receiver.method(...)`, `receiver` being the last name before the method."""
    if receiver in _NETWORK_MODULES:
        return NETWORK
    if receiver in _SHELL_MODULES:
        return SHELL
    if receiver == "os" and _OS_SHELL.fullmatch(method):
        return SHELL
    if receiver in _DYNAMIC_RECEIVERS:
        names = _DYNAMIC_RECEIVERS[receiver]
        if names is None or method in names:
            return DYNAMIC_EVAL
    if method in _ANY_RECEIVER_FILE:
        return FILE_WRITE
    if receiver in _FILE_MODULES and _FILE_METHODS.fullmatch(method):
        return FILE_WRITE
    return None


def opener(name: str) -> bool:
    """`open`, `fs.openSync`, `io.open`: write access only with a writing mode (`writes_mode`)."""
    return name in _OPENERS


def writes_mode(mode: str) -> bool:
    return bool(_WRITE_MODE.search(mode))


def url_verb(name: str) -> bool:
    return name in _URL_VERBS

