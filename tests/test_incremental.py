"""The editor's re-scan and re-parse of a changed document (syntax/incremental.py) give what a
full scan and parse of the new text give: tokens, AST, syntax problem and check result, over
chains of random edits to every bundled and case file (the memo carried from edit to edit, as
the server carries it)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from aetherlint.check import check_bytes
from aetherlint.syntax.incremental import Memo, lex
from aetherlint.syntax.lexer import LexError, scan
from aetherlint.syntax.parser import ParseFailed, parse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted([*ROOT.glob("fixtures/**/*.aether"), *ROOT.glob("tests/cases/**/*.aether")])
# what typing inserts, with what moves lines, brackets, strings, comments and blocks about
SNIPPETS = ["x", "a", " ", "  ", "\t", "\n", "\r\n", "\r", "(", ")", "{", "}", "[", "]", '"', "'", '"""', "#", "//",
            ":", ";", "|", "end", "=>", "fn f() {\n", "if x:\n    ", "\n}\n", "1", ".", "-", "/", "$"]


def edits(text: str, rng: random.Random, count: int) -> list[str]:
    """`count` versions of `text`, each one edit (insert, delete or replace) after the previous."""
    out = []
    for _ in range(count):
        at = rng.randrange(len(text) + 1)
        action = rng.random()
        if action < 0.45:
            text = text[:at] + rng.choice(SNIPPETS) + text[at:]
        elif action < 0.8:
            text = text[:at] + text[at + rng.randint(1, 6):]
        else:
            text = text[:at] + rng.choice(SNIPPETS) + text[at + rng.randint(1, 3):]
        out.append(text)
    return out


def token_fields(tokens: list) -> list[tuple]:
    return [(t.kind, t.value, t.pos, t.line, t.column, t.end_line, t.end_column, t.end_pos) for t in tokens]


def full_scan(text: str) -> tuple[list[tuple], object]:
    from aetherlint.syntax.lexer import tokens

    out = []
    try:
        for tok in tokens(text):
            out.append(tok)
    except LexError as exc:
        return token_fields(out), (exc.kind, exc.line, exc.col)
    return token_fields(out), None


def full_parse(text: str) -> object:
    try:
        return parse(text)
    except ParseFailed as exc:
        return exc.problem


def memo_parse(text: str, memo: Memo) -> object:
    try:
        return parse(text, memo)
    except ParseFailed as exc:
        return exc.problem


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_rescanning_only_the_change_gives_the_tokens_of_a_full_scan(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    rng = random.Random(path.name)
    memo = Memo()
    for version in [text, *edits(text, rng, 12)]:
        lexed = lex(version, memo)
        error = (lexed.error.kind, lexed.error.line, lexed.error.col) if lexed.error else None
        assert (token_fields(lexed.tokens), error) == full_scan(version), repr(version)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_reparsing_with_a_memo_gives_the_ast_or_problem_of_a_full_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    rng = random.Random(path.name + "parse")
    memo = Memo()
    for version in [text, *edits(text, rng, 12)]:
        assert memo_parse(version, memo) == full_parse(version), repr(version)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a\n  b\n", "a\n    b\n"),  # the indentation of an unchanged token changes its column
        ("a\n[1]\n", "a\n [1]\n"),  # a blank before `[` on an unchanged token (`xs [0]` vs `xs[0]`)
        ('x = "a\ny = 1\n', 'x = "a"\ny = 1\n'),  # closing a string: everything after is re-read
        ("x = 1\r\ny = 2\n", "x = 1\ry = 2\n"),  # a CRLF becomes a lone CR: still a line break
        ("key: |\n  text\n|\nz = 1\n", "key: |\n  text\nz = 1\n"),  # a block scalar loses its end
    ],
)
def test_edits_at_the_edges_of_reused_tokens(before: str, after: str) -> None:
    memo = Memo()
    lex(before, memo)
    lexed = lex(after, memo)
    error = (lexed.error.kind, lexed.error.line, lexed.error.col) if lexed.error else None
    assert (token_fields(lexed.tokens), error) == full_scan(after)
    memo = Memo()
    memo_parse(before, memo)
    assert memo_parse(after, memo) == full_parse(after)


@pytest.mark.parametrize("path", CORPUS[::15], ids=lambda p: str(p.relative_to(ROOT)))
def test_a_check_with_a_memo_reports_what_a_check_without_one_reports(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    rng = random.Random(path.name + "check")
    memo = Memo()
    for version in [text, *edits(text, rng, 12)]:
        data = version.encode("utf-8", "surrogateescape")
        assert check_bytes(data, "w.aether", (), memo) == check_bytes(data, "w.aether")


@pytest.mark.parametrize("path", CORPUS[::7], ids=lambda p: str(p.relative_to(ROOT)))
def test_typing_a_line_one_character_at_a_time_parses_as_a_full_parse_does(path: Path) -> None:
    """As an editor sends it: each keystroke a new version, through open brackets and strings,
    a newline typed (lines move), then the line taken back with backspaces."""
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    at = random.Random(path.name).choice(starts)
    typed = '    let y = f(x, [1, "a b"]) => { g() }  # done\n    end\n'
    memo = Memo()
    versions = [text[:at] + typed[:n] + text[at:] for n in range(len(typed) + 1)]
    for version in versions + versions[::-1]:
        assert memo_parse(version, memo) == full_parse(version), repr(version)


def test_the_scan_of_an_unchanged_text_is_not_redone() -> None:
    memo = Memo()
    first = lex("x = 1\n", memo)
    assert lex("x = 1\n", memo) is first
    assert scan("x = 1\n") and token_fields(first.tokens) == token_fields(scan("x = 1\n"))


def test_a_comment_before_an_unreadable_character_is_not_read_as_code() -> None:
    """The scan stops at the `$` on line 2; the comment before it was once re-read as tokens (so
    what came before an error depended on what came after it, and a re-scan saw other tokens)."""
    from aetherlint.syntax.lexer import tokens

    seen = []
    with pytest.raises(LexError) as error:
        for tok in tokens("run(crates // sorted: by weight)\n  $-\n"):
            seen.append(tok.value)
    assert seen == ["run", "(", "crates"]
    assert (error.value.line, error.value.col) == (2, 3)


def test_a_change_inside_one_function_re_parses_that_function_only() -> None:
    """The other functions' nodes are the previous parse's own objects, before and after the
    change, when no line moves; the edited one is new. After a line is added, those before it
    still are."""
    functions = "".join(f"    fn f{n}(a) {{\n        let b = a + {n}\n        return g(b)\n    }}\n" for n in range(30))
    text = "plugin p {\n" + functions + "}\n"
    memo = Memo()
    before = parse(text, memo).body[0].block.body
    edited = text.replace("let b = a + 15", "let b = a + 150")
    after = parse(edited, memo).body[0].block.body
    assert after == full_parse(edited).body[0].block.body
    same = [new is old for new, old in zip(after, before)]
    assert same == [n != 15 for n in range(30)]
    grown = edited.replace("return g(b)\n    }\n    fn f20", "return g(b)\n\n    }\n    fn f20")
    again = parse(grown, memo).body[0].block.body
    assert again == full_parse(grown).body[0].block.body
    assert [new is old for new, old in zip(again, after)] == [n != 19 for n in range(30)]


def test_a_block_re_used_after_lines_moved_keeps_its_positions_when_edited_again() -> None:
    """A colon block's header node is re-used where its block changed: it must never be the
    node the finished statement became (the moved lines had moved that one once already, and
    re-using it moved its statements twice). Found by the random edits; these four versions
    are the shortest chain that showed it."""
    versions = [
        '# pitfall 9: Python conditional expre#ssiod or\ngoal: sort_the_bins\nconsciousness: enabled\nmemory: persent\nidentity: ":BinSorter"\n\nfunction pick(bin):\n    label = "heavy" if bin.weight > 40 else "light"\n    owner = bin.ownera or "nobody"\n    return label if owner != "nobody" else "orphan"\n',
        '# pitfall 9: Python conditional expre#ssiod or\ngoal: sort_the_bins\nconsciousness: enabled\nmemory: persent\nidentity: ":BinSorter"\n\nfunction pick(bin):\n    label = "heavy" if bin.weight > 40 else "light"\n    owner = bin.owera or "nobody"\n    return label if owner != "nobody" els"orphan"\n',
        '# pitfall 9: Python conditional expre#ssiod or\ngoal: sort_the_bins\nconsciousness: enaemory: persent\nidentity: ":BinSorter"\n\nfunction pick(bin):\n    label = "heavy" if bin.weight > 40 else "light"\n    owner = bin.owera or "nobody"\n    return label if owner != "nobody" els"orphan"\n',
        '# pitfall 9: Python conditional expre#ssiod or\ngoal: sort_the_bins\nconsciousness: enaemory: persent\nidentity: ":BinSorter"\n\nfunction pick(bin):\n    label = "heavy" if bin.weight > 40 else "light"\n    owner = bin.owera or "nobody"\n    rlabel if owner != "nobody" els"orphan"\n',
    ]
    memo = Memo()
    for version in versions:
        assert memo_parse(version, memo) == full_parse(version), repr(version)
