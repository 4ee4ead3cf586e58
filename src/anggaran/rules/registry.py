"""The registry of rules: each rule registers itself with its stable id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from anggaran.core.findings import Finding, Severity
from anggaran.core.tree import RkaSatker

RuleFunc = Callable[[RkaSatker], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered check: ``id`` (stable, e.g. ``ROLLUP_MISMATCH``), the severity of what it
    reports, a one-line description (Indonesian and English), its source, and the function."""

    id: str
    severity: Severity
    uraian: str
    description: str
    source: str
    check: RuleFunc


RULES: list[Rule] = []


def rule(
    id: str, severity: Severity, uraian: str, description: str, source: str
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``id``."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(id, severity, uraian, description, source, func))
        return func

    return register


def run_rules(tree: RkaSatker, rules: list[Rule] | None = None) -> list[Finding]:
    """Apply ``rules`` (all registered rules by default) and return their findings in rule
    order, then document order."""
    findings: list[Finding] = []
    for r in rules if rules is not None else RULES:
        findings.extend(r.check(tree))
    return findings
