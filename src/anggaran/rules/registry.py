"""The registry of rules: each rule registers itself with its stable id, severity,
description, source and message templates (see :class:`anggaran.core.findings.Kind`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from anggaran.core.findings import Finding, Kind, Severity, register
from anggaran.core.tree import RkaSatker

RuleFunc = Callable[[RkaSatker], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered check: its finding kind (id, severity, description, source, messages)
    and the function that finds."""

    kind: Kind
    check: RuleFunc

    @property
    def id(self) -> str:
        return self.kind.id

    @property
    def severity(self) -> Severity:
        return self.kind.severity

    @property
    def source(self) -> str:
        return self.kind.source


RULES: list[Rule] = []


def rule(
    id: str,
    severity: Severity,
    description: str,
    source: str,
    message: str,
    variants: Mapping[str, str] | None = None,
    recheck: bool = True,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``id`` with its message templates (English, marked
    ``N_``; ``variants`` for the other messages the rule gives). ``recheck`` False: the
    rule reads what a stored version does not keep (the page layout)."""

    def add(func: RuleFunc) -> RuleFunc:
        kind = register(id, severity, description, source, message, variants, recheck=recheck)
        RULES.append(Rule(kind, func))
        return func

    return add


def run_rules(tree: RkaSatker, rules: list[Rule] | None = None) -> list[Finding]:
    """Apply ``rules`` (all registered rules by default) and return their findings in rule
    order, then document order."""
    findings: list[Finding] = []
    for r in rules if rules is not None else RULES:
        findings.extend(r.check(tree))
    return findings
