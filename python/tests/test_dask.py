"""`assess_frame` on a Dask cluster of worker processes: the protocol is pickled to the
workers (rebuilt there from its canonical files), and the result equals assessing the
whole frame locally."""

from __future__ import annotations

import os
from typing import Any, Iterator

import pandas as pd
import pytest

from putokaz import Protocol

from conftest import AS_OF
from test_frames import ILO_INDICATORS, synthetic_cases, wide

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Keep pandas' own text dtype, so that partitions compare equal to a local run.
    with dask.config.set({"dataframe.convert-string": False}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster, distributed.Client(cluster) as c:
            yield c


def test_workers_are_other_processes(client: Any) -> None:
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


def test_assess_frame_with_map_partitions(client: Any, ilo: Protocol) -> None:
    df = wide(synthetic_cases(60, ILO_INDICATORS, seed=21), ILO_INDICATORS)
    expected = ilo.assess_frame(df, as_of=AS_OF)
    meta = ilo.assess_frame(df.head(0), as_of=AS_OF)
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=6)
        result = ddf.map_partitions(ilo.assess_frame, as_of=AS_OF, meta=meta).compute()
    pd.testing.assert_frame_equal(result, expected)


def test_protocol_and_assessment_travel(client: Any, ilo: Protocol) -> None:
    digest = client.submit(lambda p: p.digest, ilo).result()
    assert digest == ilo.digest
    case = synthetic_cases(1, ILO_INDICATORS, seed=2)[0]
    remote = client.submit(lambda p, c: p.assess(c, as_of=AS_OF), ilo, case).result()
    assert remote == ilo.assess(case, as_of=AS_OF)


@pytest.mark.bih
def test_local_parameters_reach_the_workers(client: Any, bih: Protocol) -> None:
    name = bih.local_parameters[0]
    value = {p.id: p.value for p in bih.parameters("2026-03-04")}[name]
    assert value is not None
    local = bih.with_local_parameter(name, value if isinstance(value, (int, str)) else str(value))
    remote = client.submit(lambda p: p.local_values, local).result()
    assert remote == local.local_values == {name: local.local_values[name]}
