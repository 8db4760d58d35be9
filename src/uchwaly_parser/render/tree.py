"""The tree drawn for a terminal with rich: unit numbers and the start of their text."""

from __future__ import annotations

from pydantic import BaseModel
from rich.tree import Tree

from uchwaly_parser.models.document import Content, Resolution, Rozdzial, Text, Tiret, Unit

_SHORT = 90


def _short(text: str, width: int = _SHORT) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(unit: Unit) -> str:
    """"§ 3", "ust. 2", "tiret" (tirets have no number), "Rozdział 1" (a chapter as printed)."""
    if isinstance(unit, Tiret):
        return unit.abbreviation
    word = "Rozdział" if isinstance(unit, Rozdzial) else unit.abbreviation
    return f"{word} {unit.number or '?'}"


def _add_content(tree: Tree, content: tuple[Content, ...] | list[Content]) -> None:
    for node in content:
        if isinstance(node, Text):
            tree.add(f"[dim]{_short(node.text)}[/dim]")
        elif isinstance(node, Unit):
            label = _label(node)
            if node.inferred:
                label += " [yellow](inferred)[/yellow]"
            own = node.own_text()
            branch = tree.add(f"[bold cyan]{label}[/bold cyan] {_short(own)}".rstrip())
            _add_content(branch, [c for c in node.content if not isinstance(c, Text)])


def node_tree(node: BaseModel, title: str) -> Tree:
    """A rich Tree of one unit or section (``--path``)."""
    root = Tree(f"[bold]{title}[/bold]")
    content = getattr(node, "content", None)
    if isinstance(node, Unit):
        root.label = f"[bold]{title}[/bold] {_short(node.own_text())}"
        _add_content(root, [c for c in node.content if not isinstance(c, Text)])
    elif isinstance(content, tuple):
        _add_content(root, content)
    return root


def resolution_tree(resolution: Resolution, title: str) -> Tree:
    """A rich Tree of the whole resolution."""
    header = resolution.header
    root = Tree(f"[bold]{title}[/bold]" + (" [yellow](projekt)[/yellow]" if resolution.projekt else ""))
    head = root.add("[bold magenta]header[/bold magenta]")
    head.add(f"number: {header.number.value if header.number else None}")
    head.add(f"body: {header.body.text if header.body else None}"
             + (f" [dim]({header.body.tier})[/dim]" if header.body and header.body.tier else ""))
    if header.date:
        head.add(f"date: {header.date.value or '?'} [dim]({header.date.text})[/dim]")
    if header.title:
        head.add(f"subject: {_short(header.title.subject or '', 120)}")
    if resolution.legal_basis:
        basis = root.add("[bold magenta]legal basis[/bold magenta]")
        for citation in resolution.legal_basis_citations():
            act = citation.act
            label = f"{act.kind} {act.title or ''}" if act else "(no act named)"
            refs = ", ".join(p.eli or p.journal for p in citation.publications)
            basis.add(f"{_short(label, 80)} [dim]{_short(refs, 60)}[/dim]")
    if resolution.enacting_clause:
        clause = resolution.enacting_clause
        root.add(f"[bold magenta]enacting clause[/bold magenta] {clause.body or '(impersonal)'} {clause.verb}")
    body = root.add("[bold magenta]body[/bold magenta]")
    _add_content(body, resolution.content)
    if resolution.signature:
        sig = resolution.signature
        root.add(f"[bold magenta]signature[/bold magenta] {sig.role} — {sig.name or '?'}")
    for attachment in resolution.attachments:
        branch = root.add(f"[bold magenta]załącznik {attachment.number or ''}[/bold magenta]".replace(" [/", "[/"))
        branch.add(f"[dim]{_short(attachment.heading.text)}[/dim]")
        _add_content(branch, attachment.content)
    if resolution.uzasadnienie:
        branch = root.add("[bold magenta]uzasadnienie[/bold magenta]")
        _add_content(branch, resolution.uzasadnienie.content)
    return root
