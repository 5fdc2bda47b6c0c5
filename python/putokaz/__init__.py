"""putokaz: Bosnia and Herzegovina's anti-trafficking referral protocols as a pure function.

Observations about a person in; an exact risk score, a classification against the legal
definition of trafficking, and the referral obligations (who must act, by when, why,
citing the rule) out. The same protocol, case and ``as_of`` give the same assessment,
byte for byte, from Python, Rust and C.

>>> import putokaz
>>> protocol = putokaz.Protocol.bundled("ilo-2009")
>>> a = protocol.assess(
...     {"id": "c1", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"age": 12},
...      "observations": [{"indicator": "recruited_transported_or_harboured", "value": True},
...                       {"indicator": "d4_excessive_hours", "value": True}]},
...     as_of="2026-03-04T12:00:00+01:00")
>>> a.classification, a.score
(<Classification.AT_RISK: 'at_risk'>, Decimal('3'))

The engine is the Rust crate ``putokaz``; this package is a thin translation of it
(``putokaz._native`` is the compiled module): cases are converted, then the GIL is
released while the engine works, and batches use every core.
"""

from __future__ import annotations

from typing import Tuple

from . import _native
from ._assessment import (
    LEVELS,
    Assessment,
    CaseWarning,
    ChildBasis,
    Classification,
    Contribution,
    DecimalRange,
    DimensionFinding,
    Level,
    Obligation,
    ObligationStatus,
    Outcome,
    Party,
    ProtocolRef,
    Reliance,
    Unknown,
)
from ._analysis import (
    CaseChange,
    Change,
    Counterfactual,
    GroupComparison,
    ObligationChange,
    ParameterChange,
    ProtocolDiff,
    WhatIf,
)
from ._case import AgeRange, Case, Consent, DiscretionaryOverride, Event, Observation, ObservedValue, Subject
from ._errors import CaseError, FrameError, FrameProblem, PackError, PackIssue, PutokazError, UsageError
from ._protocol import FALSE_VALUES, TRUE_VALUES, CaseLike, Indicator, Moment, Parameter, Protocol, Source

#: The engine's version (one version for every crate and binding).
__version__: str = _native.__version__

#: The languages the engine renders text in.
LANGUAGES: Tuple[str, ...] = tuple(_native.LANGUAGES)

__all__ = [
    "__version__",
    "LANGUAGES",
    "LEVELS",
    # the protocol and assessing
    "Protocol",
    "Indicator",
    "Parameter",
    "Source",
    # the case
    "Case",
    "CaseLike",
    "Moment",
    "Subject",
    "AgeRange",
    "Observation",
    "ObservedValue",
    "Event",
    "Consent",
    "DiscretionaryOverride",
    # the assessment
    "Assessment",
    "Level",
    "Classification",
    "ChildBasis",
    "ObligationStatus",
    "DecimalRange",
    "Party",
    "Obligation",
    "Outcome",
    "Unknown",
    "DimensionFinding",
    "Contribution",
    "CaseWarning",
    "Reliance",
    "ProtocolRef",
    # analysis
    "ProtocolDiff",
    "CaseChange",
    "ObligationChange",
    "ParameterChange",
    "WhatIf",
    "Counterfactual",
    "Change",
    "GroupComparison",
    # errors
    "PutokazError",
    "PackError",
    "CaseError",
    "UsageError",
    "PackIssue",
    "FrameError",
    "FrameProblem",
    # frames
    "TRUE_VALUES",
    "FALSE_VALUES",
]
