"""Type stubs of the compiled module ``putokaz._native`` (checked against the built module
by ``python -m mypy.stubtest putokaz._native`` in the test suite). Private: the public API
is the ``putokaz`` package."""

import os
from typing import Any, Dict, Final, Iterable, List, Optional, Sequence, Tuple, Union, final

from putokaz._errors import PutokazError

__all__ = ["LANGUAGES", "ArrowStream", "Protocol", "__version__", "normalize_case"]
__version__: Final[str]
LANGUAGES: Final[List[str]]

_Issue = Tuple[str, Optional[str], str, Optional[str]]
_FrameProblem = Tuple[Optional[int], Optional[int], Optional[str], str, Optional[str], str, str]

@final
class ArrowStream:
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

@final
class Protocol:
    def __new__(cls, files: Sequence[Tuple[str, str]], local: Sequence[Tuple[str, str]] = ...) -> Protocol: ...
    @staticmethod
    def bundled(id: str) -> Protocol: ...
    @staticmethod
    def bundled_ids() -> List[str]: ...
    @staticmethod
    def from_dir(path: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]) -> Protocol: ...
    @staticmethod
    def from_toml(text: str) -> Protocol: ...
    @staticmethod
    def from_files(files: Sequence[Tuple[str, str]]) -> Protocol: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def digest(self) -> str: ...
    @property
    def title(self) -> Dict[str, str]: ...
    @property
    def languages(self) -> List[str]: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def files(self) -> List[Tuple[str, str]]: ...
    @property
    def test_files(self) -> List[str]: ...
    @property
    def local_parameters(self) -> List[str]: ...
    @property
    def local_values(self) -> List[Tuple[str, str]]: ...
    @property
    def warnings(self) -> List[_Issue]: ...
    def indicators(self) -> List[Dict[str, Any]]: ...
    def vocabulary(self) -> Dict[str, List[Dict[str, Any]]]: ...
    def sources(self) -> List[Dict[str, Any]]: ...
    def parameters(self, date: str) -> List[Dict[str, Any]]: ...
    def with_local_parameter(self, name: str, value: str) -> Protocol: ...
    def assess(
        self,
        case: object,
        as_of: str,
        language: Optional[str] = None,
        trace: bool = True,
        unknowns: int = 10,
        text: bool = True,
    ) -> str: ...
    def assess_many(
        self,
        cases: Iterable[object],
        as_of: str,
        language: Optional[str] = None,
        trace: bool = True,
        unknowns: int = 10,
        text: bool = True,
    ) -> List[Union[str, PutokazError]]: ...
    def run_frame(
        self,
        frame: object,
        as_of: str,
        *,
        obligations: bool = False,
        language: Optional[str] = None,
        top_unknown: bool = True,
        report: bool = False,
        naive_in_pack_zone: bool = False,
        true_values: Sequence[str] = ...,
        false_values: Sequence[str] = ...,
        ignore: Sequence[int] = ...,
        ignore_unknown: bool = False,
        first_of_duplicates: bool = False,
        long: bool = False,
        cases: bool = False,
    ) -> Tuple[Optional[ArrowStream], List[_FrameProblem], int, List[int]]: ...
    def diff(self, other: Protocol, cases: Iterable[object], as_of: str) -> Dict[str, Any]: ...
    def what_if(self, case: object, as_of: str, limit: int = 5) -> Dict[str, Any]: ...
    def sweep(
        self,
        parameter: str,
        values: Sequence[str],
        cases: Iterable[object],
        as_of: str,
    ) -> List[Dict[str, Any]]: ...
    def compare_groups(self, groups: Sequence[str], cases: Iterable[object], as_of: str) -> List[Dict[str, Any]]: ...
    def __getnewargs__(self) -> Tuple[List[Tuple[str, str]], List[Tuple[str, str]]]: ...

def normalize_case(case: object) -> str: ...
