"""The lexer's context decisions: where a terminal that matched is not what it looks like.

Lark's contextual lexer tries, at each place, the terminals the parser can take in its state, and a
terminal's regex sees only the text from that place on. Some decisions need the text before it:

- A "§ 1" that opens a line after a line ending on a preposition is a reference wrapped onto a line
  of its own, not a new paragraf: "Diety określone w⏎§ 1 mają zastosowanie", "zawartych w⏎§ 23 i
  § 24." (the prepositions: the lexicon's PREPOSITION).

Such a decision declines the token: the lexer reads the same place again as it would if the parser
could not take that terminal there (for a PARAGRAF, text of the open unit). A regex would write the
decision as a lookbehind for every word and line end (``PARAGRAF`` had ten); here it is one function
over the token and the text before it, called only for the declinable terminal.

lark-cython has no postlexer (Lark's ``postlex=`` option), and a postlexer cannot make the lexer read
a place again, so the decisions live in a ContextualLexer of each engine, handed to Lark as a plugin
(``grammar.py``). Both engines make the same decisions: tests/test_fast.py compares their trees.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from copy import copy
from typing import Any

from lark.lexer import BasicLexer, ContextualLexer

# A decision: given the text a parse reads and the start of a token, whether that token is declined.
Decision = Callable[[str, int], bool]


def after_a_preposition(prepositions: Collection[str]) -> Decision:
    """Whether the line before a place ends on one of ``prepositions``, after a blank ("określone w⏎§ 1")."""
    longest = max(map(len, prepositions))

    def declines(text: str, start: int) -> bool:
        if start < 2 or text[start - 1] != "\n":
            return False
        end = start - 2 if text[start - 2] == "\r" else start - 1
        before = text[max(0, end - longest - 1) : end]
        return any(
            before.endswith(word) and len(before) > len(word) and before[-len(word) - 1].isspace()
            for word in prepositions
        )

    return declines


class _Declined:
    """For each parser state that takes the declinable terminal, a lexer of the same state without it
    (built when first needed: a declined token is rare), and the way to read a place again."""

    def __init__(self, terminal: str, decision: Decision, conf: Any, states: dict[int, Collection[str]],
                 always_accept: Collection[str], basic: Callable[[Any], Any]) -> None:
        self.terminal, self.decision = terminal, decision
        self._conf, self._states, self._always, self._basic = conf, states, always_accept, basic
        self._lexers: dict[frozenset[str], Any] = {}

    def declines(self, token: Any, text: str) -> bool:
        return bool(token.type == self.terminal and self.decision(text, token.start_pos))

    def read_again(self, token: Any, lexer_state: Any, parser_state: Any) -> Any:
        """The token the lexer finds at ``token``'s place when the parser's state does not take the terminal."""
        counter = lexer_state.line_ctr  # back to where the token starts (blanks before it were read already)
        counter.char_pos, counter.line, counter.column = token.start_pos, token.line, token.column
        counter.line_start_pos = token.start_pos - token.column + 1
        accepts = frozenset(self._states[parser_state.position]) - {self.terminal}
        lexer = self._lexers.get(accepts)
        if lexer is None:
            conf = copy(self._conf)
            names = accepts | set(conf.ignore) | set(self._always)
            conf.terminals = [conf.terminals_by_name[n] for n in names if n in conf.terminals_by_name]
            conf.skip_validation = True  # the contextual lexer checked every terminal already
            lexer = self._lexers[accepts] = self._basic(conf)
        return lexer.next_token(lexer_state, parser_state)


def lexer_class(terminal: str, decision: Decision) -> type[ContextualLexer]:
    """Lark's contextual lexer, pure Python, with ``decision`` on ``terminal``."""

    class Declining(ContextualLexer):
        def __init__(self, conf: Any, states: dict[int, Collection[str]], always_accept: Collection[str] = ()) -> None:
            super().__init__(conf, states, always_accept)
            self.declined = _Declined(terminal, decision, conf, states, always_accept, BasicLexer)

        def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Any]:
            text = lexer_state.text.text  # a TextSlice of the whole input
            for token in super().lex(lexer_state, parser_state):
                if self.declined.declines(token, text):
                    token = self.declined.read_again(token, lexer_state, parser_state)
                yield token

    return Declining


def cython_lexer_class(contextual: type[Any], basic: type[Any], terminal: str, decision: Decision) -> type[Any]:
    """lark-cython's contextual lexer (``contextual``, its BasicLexer ``basic``) with ``decision`` on ``terminal``."""

    class Declining(contextual):  # type: ignore[misc]
        def __init__(self, conf: Any, states: dict[int, Collection[str]], always_accept: Collection[str] = ()) -> None:
            self.declined = _Declined(terminal, decision, conf, states, always_accept, basic)

        def next_token(self, lexer_state: Any, parser_state: Any) -> Any:
            token = contextual.next_token(self, lexer_state, parser_state)
            if self.declined.declines(token, lexer_state.text):
                token = self.declined.read_again(token, lexer_state, parser_state)
            return token

    return Declining
